namespace DoorController.Access
{
    /// <summary>
    /// Why a decision came out as it did. The numbers are STABLE: they go on the wire, into the journal and into
    /// logs. Never renumber; add new codes at the end of their block. Text names: <see cref="ReasonCodes.Name"/>.
    /// Blocks: 0 granted, 10s input and the door's state, 20s authentication (S112), 30s time and validity (S113), 40s direction (S114),
    /// 50s anti-passback (S115-S116), 60s schedule, 70s travel, 80s attribute policy (S217), 90s internal.
    /// </summary>
    public enum ReasonCode
    {
        /// <summary>Allowed; also what a check returns when it has no objection.</summary>
        Granted = 0,

        UnknownReader = 10,
        UnknownCredentialFormat = 11,
        MethodNotAcceptedByReader = 12,
        BadRequest = 13,
        /// <summary>Interlock (mantrap): the other door of this controller's pair was not closed and locked when the
        /// request was made (<see cref="AccessRequest.OtherDoorNotSecure"/>).</summary>
        DoorInterlocked = 14,

        UnknownCredential = 20,
        UnknownUser = 21,
        UserDisabled = 22,
        CredentialStoreCorrupt = 23,
        CredentialStoreUnavailable = 24,
        CredentialBlocked = 25,
        /// <summary>The credential's shard of the offline cache was built for other profiles and permission sets than
        /// the installed ones (an install cut short): denied until the install completes.</summary>
        CredentialStoreMismatch = 26,

        CredentialNotYetValid = 30,
        CredentialExpired = 31,
        UsesExhausted = 32,
        NoPermission = 33,
        OutsideTimeWindow = 34,
        PermissionNotYetValid = 35,
        PermissionExpired = 36,
        ClockNotSet = 37,
        /// <summary>A key valid for N minutes after its first use was first used more than N minutes ago.</summary>
        ExpiredAfterFirstUse = 38,
        /// <summary>The reader wants card + PIN now: this was the first of the two (present the other within seconds).</summary>
        SecondFactorRequired = 39,

        DirectionUnknown = 40,

        /// <summary>Condition 1 unmet: entry while already recorded inside (second entry without exit).</summary>
        ApbEntryWithoutExit = 50,
        /// <summary>Condition 2 unmet: exit without a recorded entry.</summary>
        ApbExitWithoutEntry = 51,
        /// <summary>Entry into a nested area while recorded as outside the area enclosing it.</summary>
        ApbOuterAreaNotEntered = 52,

        /// <summary>The user's schedule puts them farther than the threshold from this reader now.</summary>
        ScheduleElsewhere = 60,

        /// <summary>Moving from the last sighting here needs a speed above the threshold.</summary>
        ImpossibleTravel = 70,
        /// <summary>Much faster than the learned time for this section.</summary>
        // 71 (travel-faster-than-learned) is retired: learned section times were removed.

        /// <summary>This attribute may not use this reader (Fig 9A).</summary>
        AttributeNotAllowed = 80,

        InternalError = 99
    }
}
