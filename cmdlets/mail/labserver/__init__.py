"""The lab mail server: aiosmtpd listeners imitating Exchange and Exchange Online, run as a
background process whose state lives in the spshell home (see ``state``)."""
