namespace DoorController.Access
{
    /// <summary>
    /// Working state of one decision, shared by the checks. One instance per pipeline, reused, so the steady
    /// state allocates nothing. Not thread-safe: use one pipeline per thread, or lock around it.
    /// </summary>
    public sealed class DecisionContext
    {
        public AccessSources Sources;
        public AccessOptions Options;
        public AccessRequest Request;
        public AccessDecision Decision;

        /// <summary>Filled by S112.</summary>
        public readonly CredentialInfo Credential = new CredentialInfo();
        public User User;
        public Reader Reader;
        /// <summary>May be null (a reader without a configured door).</summary>
        public DoorInfo Door;
        /// <summary>Never null after S112: the configured policy or the default one.</summary>
        public AccessPolicy Policy;

        /// <summary>Site-local time of the request.</summary>
        public int LocalDay;
        public int MinuteOfDay;
        public int TodayBit;
        public int YesterdayBit;

        /// <summary>Reader geometry: the area the reader controls and the one around it.</summary>
        public int ControlledArea;
        public int OuterArea;

        /// <summary>Behaviour findings, resolved by the attribute policy (S217).</summary>
        public ReasonCode ApbFinding;
        public ReasonCode ScheduleFinding;
        public ReasonCode TravelFinding;
        /// <summary>Scratch for the previous sighting (travel check) and the one recorded on a grant.</summary>
        public readonly Sighting LastSighting = new Sighting();

        public bool Online
        {
            get { return Request.Mode == DecisionMode.Online; }
        }

        public long Now
        {
            get { return Request.AtUnix; }
        }

        public void Begin(AccessSources sources, AccessOptions options, AccessRequest request, AccessDecision decision)
        {
            Sources = sources;
            Options = options;
            Request = request;
            Decision = decision;
            User = null;
            Reader = null;
            Door = null;
            Policy = options.DefaultPolicy;
            ControlledArea = 0;
            OuterArea = 0;
            ApbFinding = ReasonCode.Granted;
            ScheduleFinding = ReasonCode.Granted;
            TravelFinding = ReasonCode.Granted;
        }
    }
}
