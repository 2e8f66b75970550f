namespace DoorController.Access
{
    /// <summary>
    /// S112: is the presented credential one of ours, and whose is it? Looks the keyed hash up in the credential
    /// directory, then the user. The method is part of the hashed input, so a PIN cannot match a card.
    /// </summary>
    public static class AuthenticateCheck
    {
        public static ReasonCode Run(DecisionContext c)
        {
            ICredentialDirectory credentials = c.Sources.Credentials;
            if (credentials == null)
            {
                return ReasonCode.CredentialStoreUnavailable;
            }
            ReasonCode found = credentials.Find(c.Request.CredentialHash, 0, c.Credential);
            if (found != ReasonCode.Granted)
            {
                return found;
            }
            if (c.Credential.Method != c.Request.Method)
            {
                return ReasonCode.UnknownCredential;
            }
            c.Decision.UserId = c.Credential.UserId;
            // Marked whatever the outcome: a person forced to the door needs the guards even if the door stays shut.
            c.Decision.Duress = c.Credential.HasFlag(CredentialFlags.Duress);
            if (c.Credential.HasFlag(CredentialFlags.Blocked))
            {
                return ReasonCode.CredentialBlocked;
            }
            User user = c.Sources.Users == null ? null : c.Sources.Users.Find(c.Credential.UserId);
            if (user == null)
            {
                return ReasonCode.UnknownUser;
            }
            c.User = user;
            c.Decision.Attribute = user.Attribute;
            c.Decision.InviterId = user.InviterId;
            if (!user.Enabled)
            {
                return ReasonCode.UserDisabled;
            }
            return ReasonCode.Granted;
        }
    }
}
