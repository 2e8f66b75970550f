using DoorController.Access;
using DoorController.Link;

namespace DoorController.Controller
{
    /// <summary>
    /// The controller's own decision when the server cannot be asked (no link, or no answer within the timeout):
    /// the shared pipeline in offline mode over the signed cache — anti-passback and travel skipped, the decision
    /// marked pending a retro check. Without a usable cache, or past the cache's offline lifetime, it denies; while
    /// the controller is unsure of the time it grants only credentials marked always-valid (docs/time.md).
    /// </summary>
    public sealed class OfflineDecider : ILocalDecider
    {
        private readonly OfflineCache _cache;
        private readonly ICacheValidity _validity;
        private readonly AccessDecision _last = new AccessDecision();

        public OfflineDecider(OfflineCache cache, ICacheValidity validity)
        {
            _cache = cache;
            _validity = validity;
        }

        /// <summary>The full result of the latest local decision (user, direction, fraud...) for the journal.</summary>
        public AccessDecision Last
        {
            get { return _last; }
        }

        public LinkDecision DecideLocally(DecisionQuery query)
        {
            AccessRequest request = query.LocalContext as AccessRequest;
            AccessPipeline pipeline = _cache.Pipeline;
            CacheValidity validity = _validity.Current;
            ReasonCode refusal = ReasonCode.Granted;
            if (request == null)
            {
                refusal = ReasonCode.BadRequest;
            }
            else if (pipeline == null)
            {
                refusal = ReasonCode.CredentialStoreUnavailable;
            }
            else if (validity == CacheValidity.None || validity == CacheValidity.Expired)
            {
                // Older than its maximum offline lifetime: revocations may be missing, stop granting.
                refusal = ReasonCode.CredentialStoreUnavailable;
            }
            if (refusal != ReasonCode.Granted)
            {
                Refuse(request, refusal);
                return new LinkDecision(false, ReasonCodes.Name(refusal), 0);
            }
            request.Mode = DecisionMode.Offline;
            // Time windows and validity cannot be judged without knowing the time: the core then passes only
            // always-valid credentials, and refuses the others before a one-time key could be spent.
            request.TimeUncertain = validity == CacheValidity.Unknown;
            pipeline.Decide(request, _last);
            LinkDecision decision = new LinkDecision(_last.Allowed, ReasonCodes.Name(_last.Reason), _last.UnlockMilliseconds);
            decision.Extended = _last.Allowed && _last.ExtendedAccess;
            decision.OfficeModeMilliseconds = _last.Allowed ? _last.OfficeModeMilliseconds : 0;
            return decision;
        }

        private void Refuse(AccessRequest request, ReasonCode reason)
        {
            _last.Allowed = false;
            _last.Reason = reason;
            _last.Fraud = false;
            _last.Duress = false; // nothing was looked up
            _last.Mode = DecisionMode.Offline;
            _last.PendingRetroCheck = true;
            _last.UserId = 0;
            _last.UnlockMilliseconds = 0;
            _last.OfficeModeMilliseconds = 0;
            _last.Direction = Direction.Unknown;
            if (request != null)
            {
                _last.ReaderId = request.ReaderId;
                _last.Method = request.Method;
                _last.AtUnix = request.AtUnix;
                System.Array.Copy(request.CredentialHash, _last.CredentialHash, _last.CredentialHash.Length);
            }
        }
    }
}
