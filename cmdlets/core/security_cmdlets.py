"""ConvertTo-SecureString, ConvertFrom-SecureString, Get-Credential."""
from __future__ import annotations

from spshell.cmdlet import Cmdlet, Example, Help, Parameter
from spshell.runtime.errors import (ArgumentException, CryptographicException, DotNetException,
                                    FormatException, ps_error)
from spshell.runtime.objects import PSCredential, SecureString, SwitchParameter

from . import _securestring as fmt
from ._util import as_list, to_str


def _key_from(cmdlet):
    if cmdlet.Key is not None:
        return fmt.key_bytes(as_list(cmdlet.Key) if not isinstance(cmdlet.Key, (bytes,
                                                                                 bytearray))
                             else cmdlet.Key)
    if cmdlet.SecureKey is not None:
        return fmt.secure_key_bytes(cmdlet.SecureKey)
    return None


class ConvertToSecureString(Cmdlet):
    name = "ConvertTo-SecureString"
    implementing_type = "Microsoft.PowerShell.Commands.ConvertToSecureStringCommand"
    default_parameter_set = "Secure"
    help = Help(
        synopsis="Converts plain text or an encrypted standard string to a SecureString.",
        description="With -AsPlainText the text itself becomes the secure string. Otherwise the "
                    "input must be an encrypted standard string made by "
                    "ConvertFrom-SecureString: with -Key or -SecureKey it is decrypted with that "
                    "AES key (16, 24 or 32 bytes); without a key it is the platform format, "
                    "which on Linux is only an encoding, not encryption.",
        examples=[Example("$pw = ConvertTo-SecureString 'P@ssw0rd' -AsPlainText -Force",
                          "A SecureString from plain text."),
                  Example("$s = ConvertTo-SecureString $encrypted -Key $key",
                          "Decrypts a string exported with the same key.")])
    String = Parameter(str, mandatory=True, position=0, pipeline=True,
                       help="The text to convert.")
    SecureKey = Parameter(SecureString, sets={"Secure": {"position": 1}},
                          help="A SecureString whose characters are the AES key.")
    AsPlainText = Parameter(SwitchParameter, sets={"PlainText": {"position": 1}},
                            help="Treats the input as plain text.")
    Force = Parameter(SwitchParameter, sets={"PlainText": {"position": 2}},
                      help="Confirms that plain text use is intended.")
    Key = Parameter("byte[]", sets={"Open": {}}, help="The AES key as bytes.")

    def process(self):
        text = self.String
        if self.AsPlainText:
            s = SecureString(text)
            s.MakeReadOnly()
            self.write_object(s)
            return
        try:
            key = _key_from(self)
            plain = fmt.decrypt_with_key(text, key) if key is not None else \
                fmt.unprotect_without_key(text)
        except fmt.SecureStringKeyError as e:
            exc_type = CryptographicException if "Padding" in str(e) else ArgumentException
            self.write_error(ps_error(exc_type, str(e), "ImportSecureString", "InvalidArgument",
                                      None))
            return
        except fmt.SecureStringFormatError as e:
            self.write_error(ps_error(FormatException, str(e), "ImportSecureString",
                                      "InvalidArgument", None))
            return
        s = SecureString(plain)
        s.MakeReadOnly()
        self.write_object(s)


class ConvertFromSecureString(Cmdlet):
    name = "ConvertFrom-SecureString"
    implementing_type = "Microsoft.PowerShell.Commands.ConvertFromSecureStringCommand"
    default_parameter_set = "Secure"
    help = Help(
        synopsis="Converts a SecureString to an encrypted standard string (or plain text).",
        description="With -Key or -SecureKey the secret is encrypted with AES so it can be "
                    "stored and later read back with ConvertTo-SecureString and the same key. "
                    "Without a key, Linux has no user-bound protection: the result only "
                    "encodes the secret. -AsPlainText returns the secret itself.",
        examples=[Example("$pw | ConvertFrom-SecureString -Key (1..16)",
                          "An AES-encrypted standard string."),
                  Example("ConvertFrom-SecureString $pw -AsPlainText", "The plain text.")])
    SecureString = Parameter(SecureString, mandatory=True, position=0, pipeline=True,
                             help="The secure string to convert.")
    SecureKey = Parameter(SecureString, sets={"Secure": {"position": 1}},
                          help="A SecureString whose characters are the AES key.")
    Key = Parameter("byte[]", sets={"Open": {}}, help="The AES key as bytes.")
    AsPlainText = Parameter(SwitchParameter, sets={"AsPlainText": {}},
                            help="Returns the plain text.")

    def process(self):
        secret = self.SecureString
        plain = secret.reveal()
        if self.AsPlainText:
            self.write_object(plain)
            return
        try:
            key = _key_from(self)
            out = fmt.encrypt_with_key(plain, key) if key is not None else \
                fmt.protect_without_key(plain)
        except fmt.SecureStringKeyError as e:
            self.write_error(ps_error(ArgumentException, str(e), "ExportSecureString",
                                      "InvalidArgument", None))
            return
        self.write_object(out)


class GetCredential(Cmdlet):
    name = "Get-Credential"
    implementing_type = "Microsoft.PowerShell.Commands.GetCredentialCommand"
    default_parameter_set = "CredentialSet"
    help = Help(
        synopsis="Asks for a user name and password and returns a PSCredential.",
        description="Prompts on the console for the user name (unless given) and the password, "
                    "which is read without echo. -Message and -Title change the text shown "
                    "above the prompts. Under -NonInteractive the prompt is an error; with "
                    "piped standard input the lines are read from it.",
        examples=[Example("$cred = Get-Credential", "Prompts for both values."),
                  Example("Get-Credential -UserName 'CONTOSO\\sp_farm' -Message 'Farm account'",
                          "Prompts only for the password.")])
    Credential = Parameter(object, sets={"CredentialSet": {"position": 0}},
                           help="A user name or credential to start from.")
    Message = Parameter(str, sets={"MessageSet": {}}, help="The message shown in the prompt.")
    UserName = Parameter(str, sets={"MessageSet": {"position": 0}},
                         help="The user name to fill in.")
    Title = Parameter(str, sets={"MessageSet": {}}, help="The title of the prompt.")

    def end(self):
        cred = self.Credential
        if isinstance(cred, PSCredential):
            self.write_object(cred)
            return
        user = self.UserName if self.parameter_set_name == "MessageSet" else \
            (to_str(cred) if cred is not None else None)
        host = self.context.host
        if not getattr(host, "is_interactive", True):
            self._read(host.read_line, "")  # -NonInteractive: the host refuses
            return
        title = self.Title if self.Title is not None else "PowerShell credential request"
        message = self.Message if self.Message is not None else "Enter your credentials."
        if title:
            host.write_line(title)
        if message:
            host.write_line(message)
        if not user:
            user = self._read(host.read_line, "User: ")
            if user is None:
                return
        password = self._read(host.read_line_secure, f"Password for user {user}: ")
        if password is None:
            return
        if isinstance(password, str):
            password = SecureString(password)
        self.write_object(PSCredential(user, password))

    def _read(self, reader, prompt):
        try:
            return reader(prompt)
        except DotNetException as e:
            # report the host's refusal as this command's error
            self.throw_terminating_error(e)

