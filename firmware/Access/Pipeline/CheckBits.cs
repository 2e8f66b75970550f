namespace DoorController.Access
{
    /// <summary>Bits for <see cref="AccessDecision.ChecksRun"/> / <see cref="AccessDecision.ChecksSkipped"/>. Stable.</summary>
    public static class CheckBits
    {
        public const int Authenticate = 1;
        public const int Validity = 2;
        public const int Direction = 4;
        public const int AntiPassback = 8;
        public const int Schedule = 16;
        public const int Travel = 32;
        public const int AttributePolicy = 64;
        public const int CredentialRule = 128;
        public const int Interlock = 256;
    }
}
