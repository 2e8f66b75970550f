namespace DoorController.Access
{
    /// <summary>
    /// Stable short text names of <see cref="ReasonCode"/> values (kebab-case, for logs, JSON and the console),
    /// mapped with a switch because the device has no Enum.ToString/Parse.
    /// </summary>
    public static class ReasonCodes
    {
        /// <summary>Every defined code, for tests and for tables in tools.</summary>
        public static readonly ReasonCode[] All = new ReasonCode[]
        {
            ReasonCode.Granted,
            ReasonCode.UnknownReader, ReasonCode.UnknownCredentialFormat, ReasonCode.MethodNotAcceptedByReader, ReasonCode.BadRequest,
            ReasonCode.DoorInterlocked,
            ReasonCode.UnknownCredential, ReasonCode.UnknownUser, ReasonCode.UserDisabled, ReasonCode.CredentialStoreCorrupt,
            ReasonCode.CredentialStoreUnavailable, ReasonCode.CredentialBlocked, ReasonCode.CredentialStoreMismatch,
            ReasonCode.CredentialNotYetValid, ReasonCode.CredentialExpired, ReasonCode.UsesExhausted, ReasonCode.NoPermission,
            ReasonCode.OutsideTimeWindow, ReasonCode.PermissionNotYetValid, ReasonCode.PermissionExpired, ReasonCode.ClockNotSet,
            ReasonCode.ExpiredAfterFirstUse, ReasonCode.SecondFactorRequired,
            ReasonCode.DirectionUnknown,
            ReasonCode.ApbEntryWithoutExit, ReasonCode.ApbExitWithoutEntry, ReasonCode.ApbOuterAreaNotEntered,
            ReasonCode.ScheduleElsewhere,
            ReasonCode.ImpossibleTravel,
            ReasonCode.AttributeNotAllowed,
            ReasonCode.InternalError
        };

        public static string Name(ReasonCode code)
        {
            switch (code)
            {
                case ReasonCode.Granted: return "granted";
                case ReasonCode.UnknownReader: return "unknown-reader";
                case ReasonCode.UnknownCredentialFormat: return "unknown-credential-format";
                case ReasonCode.MethodNotAcceptedByReader: return "method-not-accepted";
                case ReasonCode.BadRequest: return "bad-request";
                case ReasonCode.DoorInterlocked: return "interlock";
                case ReasonCode.UnknownCredential: return "unknown-credential";
                case ReasonCode.UnknownUser: return "unknown-user";
                case ReasonCode.UserDisabled: return "user-disabled";
                case ReasonCode.CredentialStoreCorrupt: return "store-corrupt";
                case ReasonCode.CredentialStoreUnavailable: return "store-unavailable";
                case ReasonCode.CredentialBlocked: return "credential-blocked";
                case ReasonCode.CredentialStoreMismatch: return "store-version-mismatch";
                case ReasonCode.CredentialNotYetValid: return "credential-not-yet-valid";
                case ReasonCode.CredentialExpired: return "credential-expired";
                case ReasonCode.UsesExhausted: return "uses-exhausted";
                case ReasonCode.NoPermission: return "no-permission";
                case ReasonCode.OutsideTimeWindow: return "outside-time-window";
                case ReasonCode.PermissionNotYetValid: return "permission-not-yet-valid";
                case ReasonCode.PermissionExpired: return "permission-expired";
                case ReasonCode.ClockNotSet: return "clock-not-set";
                case ReasonCode.ExpiredAfterFirstUse: return "expired-after-first-use";
                case ReasonCode.SecondFactorRequired: return "second-factor-required";
                case ReasonCode.DirectionUnknown: return "direction-unknown";
                case ReasonCode.ApbEntryWithoutExit: return "apb-entry-without-exit";
                case ReasonCode.ApbExitWithoutEntry: return "apb-exit-without-entry";
                case ReasonCode.ApbOuterAreaNotEntered: return "apb-outer-area-not-entered";
                case ReasonCode.ScheduleElsewhere: return "schedule-elsewhere";
                case ReasonCode.ImpossibleTravel: return "impossible-travel";
                case ReasonCode.AttributeNotAllowed: return "attribute-not-allowed";
                case ReasonCode.InternalError: return "internal-error";
                default: return "unknown";
            }
        }

        /// <summary>Parses a name produced by <see cref="Name"/>; false for anything else. Never throws.</summary>
        public static bool TryParse(string name, out ReasonCode code)
        {
            code = ReasonCode.InternalError;
            if (name == null)
            {
                return false;
            }
            for (int i = 0; i < All.Length; i++)
            {
                if (Name(All[i]) == name)
                {
                    code = All[i];
                    return true;
                }
            }
            return false;
        }

        /// <summary>True for codes of the anti-passback block (entry/exit conditions, S116).</summary>
        public static bool IsAntiPassback(ReasonCode code)
        {
            int n = (int)code;
            return n >= 50 && n < 60;
        }

        /// <summary>True for codes from behaviour checks (APB, schedule, travel): the ones S217 may call fraud.</summary>
        public static bool IsBehaviour(ReasonCode code)
        {
            int n = (int)code;
            return n >= 50 && n < 80;
        }
    }
}
