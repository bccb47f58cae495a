"""User-facing texts of the SharePoint object model (sites, webs, SPUtility) and its ULS entries.

[observed] = SharePoint's text as admins see it (Management Shell output quoted in public
material); [not verified] = spshell's own wording where SharePoint's was not found.
"""

# [observed] new SPSite(url) when no web application serves the URL
WEBAPP_FOR_URL_NOT_FOUND = (
    "The Web application at {0} could not be found. Verify that you have typed the URL "
    "correctly. If the URL should be serving existing content, the system administrator may "
    "need to add a new request URL mapping to the intended application.")
# [observed] Get-SPSite / Get-SPWeb on an unknown identity
SITE_NOT_FOUND = "Cannot find an SPSite object with Id or Url: {0}."
SITE_CONTAINING_NOT_FOUND = "Cannot find an SPSite object that contains the following Id or Url: {0}"
WEB_NOT_FOUND = "Cannot find an SPWeb object with Id or Url: {0}"
# [observed] New-SPSite on a URL that is taken
SITE_EXISTS = ("Another site already exists at {0}. Delete this site before attempting to "
               "create a new site with the same URL, choose a new URL, or create a new inclusion "
               "at the path you would like to use.")
# [not verified]
NO_MANAGED_PATH = ("The URL {0} is not valid for a new site collection: its path must be the "
                   "root (/) or one site below a wildcard managed path ({1}).")
OWNER_REQUIRED = "The site collection owner (OwnerAlias) cannot be empty."
WEB_PARAMETERS = "Specify -Identity, or -Site to list the webs of a site collection."
LIMIT_INVALID = ("Cannot validate argument on parameter 'Limit'. The argument \"{0}\" is not "
                 "\"All\" or a positive number.")
LIMIT_WARNING = ("More results were found than the Limit allows: {0} of {1} shown. Use "
                 "-Limit All to see every result.")
DISPOSED = "Cannot access a disposed object.\nObject name: '{0}'."

# ---- ULS (Area "SharePoint Foundation", Category "E-Mail") --------------------------------
ULS_CATEGORY = "E-Mail"
# [not verified] tags are ULS's five-character event ids; ax1n7 is the observed failure tag
TAG_SENDING = "ajq6s"
TAG_SENT = "ajq6t"
TAG_FAILED = "ax1n7"  # [observed] (reference §5.2)
TAG_ANONYMOUS = "ajq6u"
TAG_NOT_CONFIGURED = "ajq6v"
# [not verified]
SENDING = ("Sending mail through {0}:{1} for web {2}. Mail Subject: {3}. Credentials: {4}.")
SENT = "Mail sent through {0}:{1} ({2}, authentication: {3}). Mail Subject: {4}. Server reply: {5}"
# [observed] the shape of SharePoint's failure line (reference §5.2); recipients are not logged
FAILED = ("Failed attempt {0} sending mail to recipients: Mail Subject: {1}. Error: "
          "SmtpException while sending email: System.Net.Mail.SmtpException: {2}")
# [not verified] SharePoint sends anonymously when the credentials cannot be read
ANONYMOUS = ("Unable to retrieve the outgoing e-mail credentials on this server; sending "
             "anonymously. {0}")
NOT_CONFIGURED = ("Outgoing e-mail is not configured for web application {0}: no outbound SMTP "
                  "server. Mail Subject: {1}.")
