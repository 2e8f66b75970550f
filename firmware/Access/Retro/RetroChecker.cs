using System.Collections;

namespace DoorController.Access
{
    /// <summary>
    /// Re-runs what offline decisions skipped. Events (from all controllers, in time order) are replayed into a
    /// presence and last-seen state; for each allowed event that was decided offline, anti-passback and
    /// impossible travel are evaluated against the state as it was just before, and failures that the
    /// reader's policy for the user's attribute counts as fraud (S217) become <see cref="RetroFinding"/>s with
    /// their Fig 9B route. Online events only advance the state. Runs on the server; allocates freely.
    /// </summary>
    public sealed class RetroChecker
    {
        private readonly AccessSources _sources;
        private readonly AccessOptions _options;

        /// <summary>Uses Site, Users, Policies, and Routes of <paramref name="sources"/>.</summary>
        public RetroChecker(AccessSources sources, AccessOptions options)
        {
            _sources = sources;
            _options = options == null ? new AccessOptions() : options;
        }

        /// <summary>Checks events replayed from an empty state (everyone unknown, never seen).</summary>
        public ArrayList Check(RetroEvent[] events)
        {
            return Check(events, new InMemoryPresenceStore(), new InMemoryLastSeen());
        }

        /// <summary>
        /// Checks <paramref name="events"/> (time order) starting from <paramref name="presence"/> and
        /// <paramref name="lastSeen"/>, which are advanced as events are replayed. Returns RetroFinding objects.
        /// Unknown readers or users are skipped, never thrown on.
        /// </summary>
        public ArrayList Check(RetroEvent[] events, IPresenceStore presence, ILastSeenSource lastSeen)
        {
            ArrayList findings = new ArrayList();
            Sighting last = new Sighting();
            for (int i = 0; events != null && i < events.Length; i++)
            {
                RetroEvent e = events[i];
                if (e == null || !e.Allowed)
                {
                    continue;
                }
                Reader reader = _sources.Site == null ? null : _sources.Site.FindReader(e.ReaderId);
                User user = _sources.Users == null ? null : _sources.Users.Find(e.UserId);
                if (reader == null || user == null)
                {
                    continue;
                }
                UserAttribute attribute = user.Attribute;
                int inviter = user.InviterId;
                AccessPolicy policy = _sources.Policies == null ? null : _sources.Policies.Find(reader.Id, attribute);
                if (policy == null)
                {
                    policy = _options.DefaultPolicy;
                }
                int area;
                int outer;
                DirectionCheck.AreasOf(_sources.Site, reader, out area, out outer);
                bool seen = lastSeen != null && lastSeen.TryGet(e.UserId, last);
                if (e.DecidedOffline)
                {
                    ReasonCode apb = AntiPassbackCheck.Evaluate(presence, _sources.Site, policy, e.UserId, e.Direction, area, outer, e.AtUnix);
                    ReasonCode travel = seen
                        ? TravelCheck.Evaluate(last, reader, e.AtUnix, policy)
                        : ReasonCode.Granted;
                    if (apb != ReasonCode.Granted && policy.IsFraud(e.Direction))
                    {
                        findings.Add(Finding(i, e, attribute, inviter, apb));
                    }
                    if (travel != ReasonCode.Granted)
                    {
                        findings.Add(Finding(i, e, attribute, inviter, travel));
                    }
                }
                if (e.Passed)
                {
                    Presence.Commit(presence, _sources.Site, e.UserId, e.Direction, area, outer, e.AtUnix);
                }
                if (lastSeen != null)
                {
                    last.SetFromReader(e.UserId, reader, e.AtUnix);
                    lastSeen.Record(last);
                }
            }
            return findings;
        }

        private RetroFinding Finding(int index, RetroEvent e, UserAttribute attribute, int inviter, ReasonCode rule)
        {
            RetroFinding f = new RetroFinding();
            f.EventIndex = index;
            f.Sequence = e.Sequence;
            f.UserId = e.UserId;
            f.Attribute = attribute;
            f.InviterId = inviter;
            f.ReaderId = e.ReaderId;
            f.AtUnix = e.AtUnix;
            f.Direction = e.Direction;
            f.Rule = rule;
            f.Route = _sources.Routes == null ? null : _sources.Routes.Find(attribute, e.ReaderId);
            f.RouteTargetBits = f.Route == null ? 0 : f.Route.Targets;
            return f;
        }
    }
}
