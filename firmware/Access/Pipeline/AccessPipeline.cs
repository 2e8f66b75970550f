using System;

namespace DoorController.Access
{
    /// <summary>
    /// The access decision (Fig 5 / Fig 10) as one pipeline of small checks, each returning a reason code:
    /// authenticate (S112) → time window and validity (S113) → direction (S114) → interlock → anti-passback (S115-S116) →
    /// schedule (Fig 7) → impossible travel (Fig 8) → attribute policy (S217) → decision (S117/S218).
    /// Online runs everything; offline skips anti-passback and travel (they need other devices' events) and marks
    /// the decision pending a retro check. Never throws: any failure is a deny with a reason code. Allocates
    /// nothing per decision in steady state. One instance per thread (state is reused).
    /// </summary>
    public sealed class AccessPipeline
    {
        private readonly AccessSources _sources;
        private readonly AccessOptions _options;
        private readonly DecisionContext _context = new DecisionContext();
        // Made on first use: the controller decides into its own object (OfflineDecider) and never needs this one.
        private AccessDecision _decision;

        public AccessPipeline(AccessSources sources, AccessOptions options)
        {
            _sources = sources;
            _options = options == null ? new AccessOptions() : options;
        }

        public AccessSources Sources
        {
            get { return _sources; }
        }

        public AccessOptions Options
        {
            get { return _options; }
        }

        /// <summary>Decides into the pipeline's own reused decision object (valid until the next call).</summary>
        public AccessDecision Decide(AccessRequest request)
        {
            Decide(request, OwnDecision);
            return _decision;
        }

        /// <summary>Decides into <paramref name="into"/>.</summary>
        public void Decide(AccessRequest request, AccessDecision into)
        {
            if (into == null)
            {
                return;
            }
            if (request == null)
            {
                into.Allowed = false;
                into.Reason = ReasonCode.BadRequest;
                into.UnlockMilliseconds = 0;
                return;
            }
            into.Reset(request);
            try
            {
                Run(request, into);
            }
            catch (Exception)
            {
                // A bug or a failing source must never open the door.
                into.Deny(ReasonCode.InternalError);
            }
        }

        /// <summary>
        /// Hashes a raw credential value into <paramref name="request"/> and decides. A value the hasher rejects
        /// (unknown method, empty or oversized) is denied with <see cref="ReasonCode.UnknownCredentialFormat"/>.
        /// The hash allocates on the device (HMAC API); the decision itself does not.
        /// </summary>
        public AccessDecision DecideRaw(AccessRequest request, CredentialHasher hasher, byte[] raw, int offset, int length)
        {
            if (request != null && hasher != null && hasher.TryHash(request.Method, raw, offset, length, request.CredentialHash, 0))
            {
                return Decide(request);
            }
            if (request == null)
            {
                return Decide(null);
            }
            OwnDecision.Reset(request);
            _decision.Deny(ReasonCode.UnknownCredentialFormat);
            return _decision;
        }

        private AccessDecision OwnDecision
        {
            get { return _decision ?? (_decision = new AccessDecision()); }
        }

        /// <summary>
        /// The door contact reports that the door of an awaited passage actually opened: the passage is committed to
        /// presence (as of its grant). Returns false when nothing was awaited (committed already, or the grant was at
        /// a door without a contact and committed when decided).
        /// </summary>
        public bool DoorOpened(AwaitedPassage passage)
        {
            if (passage == null || !passage.Awaiting)
            {
                return false;
            }
            passage.Awaiting = false;
            CommitPassage(passage.UserId, passage.ReaderId, passage.Direction, passage.AtUnix);
            return true;
        }

        /// <summary>Applies a passage that happened to presence: a replayed or reviewed event, or a door that opened for its grant.</summary>
        public void CommitPassage(int userId, int readerId, Direction direction, long atUnix)
        {
            Reader reader = _sources.Site == null ? null : _sources.Site.FindReader(readerId);
            if (reader == null)
            {
                return;
            }
            int area;
            int outer;
            DirectionCheck.AreasOf(_sources.Site, reader, out area, out outer);
            Presence.Commit(_sources.Presence, _sources.Site, userId, direction, area, outer, atUnix);
        }

        /// <summary>Reset / amnesty: forgets the presence of one user, or of everyone with 0.</summary>
        public void Amnesty(int userId)
        {
            if (_sources.Presence != null)
            {
                _sources.Presence.Reset(userId);
            }
        }

        private void Run(AccessRequest request, AccessDecision d)
        {
            DecisionContext c = _context;
            c.Begin(_sources, _options, request, d);
            if (request.AtUnix < _options.EarliestPlausibleUnix)
            {
                d.Deny(ReasonCode.ClockNotSet);
                return;
            }
            if (!CredentialHasher.IsKnownMethod(request.Method))
            {
                d.Deny(ReasonCode.UnknownCredentialFormat);
                return;
            }
            Reader reader = _sources.Site == null ? null : _sources.Site.FindReader(request.ReaderId);
            if (reader == null)
            {
                d.Deny(ReasonCode.UnknownReader);
                return;
            }
            c.Reader = reader;
            d.DoorId = reader.DoorId;
            c.Door = _sources.Site.FindDoor(reader.DoorId);
            if (!reader.Accepts(request.Method))
            {
                d.Deny(ReasonCode.MethodNotAcceptedByReader);
                return;
            }
            DirectionCheck.ResolveAreas(c);
            SetLocalTime(c);

            if (Stop(c, CheckBits.Authenticate, AuthenticateCheck.Run(c))) return;
            AccessPolicy policy = _sources.Policies == null ? null : _sources.Policies.Find(reader.Id, c.User.Attribute);
            c.Policy = policy == null ? _options.DefaultPolicy : policy;
            if (Stop(c, CheckBits.Validity, ValidityCheck.Run(c))) return;
            if (Stop(c, CheckBits.CredentialRule, CredentialRuleCheck.Run(c))) return;
            if (Stop(c, CheckBits.Direction, DirectionCheck.Run(c))) return;
            if (Stop(c, CheckBits.Interlock, InterlockCheck.Run(c))) return;

            if (c.Online)
            {
                d.ChecksRun |= CheckBits.AntiPassback;
                c.ApbFinding = AntiPassbackCheck.Run(c);
            }
            else
            {
                d.ChecksSkipped |= CheckBits.AntiPassback;
            }
            d.ChecksRun |= CheckBits.Schedule;
            c.ScheduleFinding = ScheduleCheck.Run(c);
            if (c.Online)
            {
                d.ChecksRun |= CheckBits.Travel;
                c.TravelFinding = TravelCheck.Run(c);
            }
            else
            {
                d.ChecksSkipped |= CheckBits.Travel;
            }
            d.PendingRetroCheck = d.ChecksSkipped != 0;
            d.ChecksRun |= CheckBits.AttributePolicy;
            DecisionStep.Finish(c, AttributePolicyCheck.Run(c));
        }

        /// <summary>Records a check as run; on failure denies and says to stop.</summary>
        private static bool Stop(DecisionContext c, int bit, ReasonCode result)
        {
            c.Decision.ChecksRun |= bit;
            if (result == ReasonCode.Granted)
            {
                return false;
            }
            c.Decision.Deny(result);
            return true;
        }

        private static void SetLocalTime(DecisionContext c)
        {
            long local = c.Options.TimeZone.ToLocalSeconds(c.Request.AtUnix);
            int day = CivilDate.DayNumber(local);
            c.LocalDay = day;
            c.MinuteOfDay = CivilDate.MinuteOfDay(local);
            c.TodayBit = DayBit(c.Sources.Holidays, day);
            c.YesterdayBit = DayBit(c.Sources.Holidays, day - 1);
        }

        /// <summary>The <see cref="TimeWindow.DaysMask"/> bit of a local day: the holiday bit on holidays.</summary>
        public static int DayBit(IHolidayCalendar holidays, int localDay)
        {
            if (holidays != null && holidays.IsHoliday(localDay))
            {
                return TimeWindow.HolidayBit;
            }
            return 1 << CivilDate.DayOfWeek(localDay);
        }
    }
}
