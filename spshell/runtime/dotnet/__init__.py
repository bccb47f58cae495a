"""The emulated .NET type library, one module per family.

Nothing here is imported at start-up: ``spshell.runtime.types`` names these classes by
"module:Class" references and loads a module the first time a script touches one of its types.
``base`` holds the small vocabulary the adapters are written in (signatures, properties).
"""
