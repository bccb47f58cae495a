"""Every user-facing text of the SharePoint module, in one place.

Texts marked [documented] are Microsoft's, verbatim (sharepoint-reference.md §5 or the cited
source). Texts marked [not verified] are spshell's own wording where SharePoint's text was never
published (reference §5.3): keep them here so they can be corrected once.
"""

# [documented] Connect-SPConfigurationDatabase description (reference §5.1)
ALREADY_IN_FARM = ("This machine is already connected to a SharePoint farm.\n"
                   "See: Dismount-SPConfigurationDatabase")

# [observed] SharePoint 2010+ Management Shell banner when no farm is reachable
LOCAL_FARM_NOT_ACCESSIBLE = "The local farm is not accessible."

# [observed] Get-SPWebApplication on an unknown identity (SharePointDsc issue #1365 log)
WEBAPP_NOT_FOUND = "Cannot find an SPWebApplication object with Name, Id, or Url: {0}."
# [not verified] same pattern as the observed SPWebApplication / SPSite messages
SERVER_NOT_FOUND = "Cannot find an SPServer object with Address, Id, or Name: {0}."
# [not verified]
MANAGED_ACCOUNT_NOT_FOUND = "No matching accounts were found."
MANAGED_ACCOUNT_EXISTS = "The account {0} has already been registered as a managed account."

# [not verified] farm lifecycle
CONFIG_DB_EXISTS = ("Cannot create the configuration database {1} on {0}: a SharePoint "
                    "configuration database with that name already exists.")
CONFIG_DB_MISSING = ("Cannot connect to the configuration database {1} on {0}. The database "
                     "might not exist, or it is not a SharePoint configuration database.")
WRONG_PASSPHRASE = ("The passphrase supplied is not correct for the farm in the configuration "
                    "database {1} on {0}. Use the passphrase that was specified when the farm "
                    "was created.")
NOT_IN_FARM_DISCONNECT = "This machine is not connected to a SharePoint farm."
FARM_DISAPPEARED = ("The configuration database {1} on {0} that this server is connected to no "
                    "longer contains this server's farm. Run Disconnect-SPConfigurationDatabase "
                    "and connect again.")
DB_SERVER_UNREACHABLE = ("Cannot connect to database server {0}: {1}")

# [not verified] web applications
WEBAPP_URL_IN_USE = ("The IIS Web Site you have selected is in use by SharePoint.  You must select "
                     "another port or hostheader.")
WEBAPP_NAME_IN_USE = "The web application name \"{0}\" is already in use. Choose another name."
APP_POOL_NEEDS_ACCOUNT = ("The application pool \"{0}\" does not exist. Specify the "
                          "ApplicationPoolAccount parameter to create a new application pool.")
ZONE_MISSING = "The {1} zone of web application {0} does not exist."
INVALID_URL = "The URL \"{0}\" is not a valid absolute http or https URL."
INVALID_PORT = "Specified argument was out of the range of valid values.\nParameter name: {0}"

# [documented .NET] System.Net.Mail.MailAddress on a malformed address
INVALID_MAIL_ADDRESS = "The specified string is not in the form required for an e-mail address."

# ---- application credential key and SMTP credentials -------------------------------------
# [not verified] SharePoint shows this only as a screenshot (reference §5.3). The one message
# for saving SMTP credentials on a server without an application credential key.
NO_CREDENTIAL_KEY_FOR_SAVE = (
    "The application credential key has not been set on this server ({0}). SMTP credentials "
    "are encrypted with the application credential key, so it must be set before credentials "
    "can be saved. Run Set-SPApplicationCredentialKey with the same key on every server in the "
    "farm, then save the SMTP credentials again.")
# [not verified] reading credentials: the two causes the health rule names (reference §3)
NO_CREDENTIAL_KEY_FOR_READ = (
    "The outgoing e-mail credentials of {1} cannot be retrieved on server {0}: the application "
    "credential key wasn't found on this server. Run Set-SPApplicationCredentialKey on this "
    "server with the key that was used to store the SMTP password.")
DIFFERENT_CREDENTIAL_KEY = (
    "The outgoing e-mail credentials of {1} cannot be retrieved on server {0}: this server's "
    "application credential key is not the one originally used to store the SMTP password. Set "
    "the same application credential key on every server in the farm, and save the SMTP "
    "credentials again if the key was changed.")
TAMPERED_CREDENTIALS = (
    "The stored outgoing e-mail credentials of {1} failed the integrity check on server {0}: "
    "the encrypted password or its key fingerprint was modified outside SharePoint. Save the "
    "SMTP credentials again.")
NOT_JOINED_FOR_KEY = ("The application credential key was stored on this server ({0}), which is "
                      "not connected to a farm; its fingerprint will be published when the "
                      "server joins a farm.")
KEYSTORE_FILE_NOTICE = ("No OS keyring is available; the application credential key of server "
                        "{0} is stored in {1} (readable only by you).")
KEYSTORE_UNAVAILABLE = ("SPSHELL_KEYSTORE=keyring was requested but no usable OS keyring backend "
                        "is available ({0}).")
KEYSTORE_BAD_PERMISSIONS = ("The application credential key file {0} is accessible by other "
                            "users (mode {1:o}); refusing to use it. Restrict it to mode 600.")
EMPTY_CREDENTIAL_KEY = "The application credential key cannot be empty."
