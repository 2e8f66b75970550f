using DoorController.Access;

namespace DoorController.Server.Decisions
{
    /// <summary>
    /// The server's default behaviour checks, applied to every reader and attribute unless a fraud policy
    /// (Fig 9A) says otherwise: hard anti-passback, and the schedule (Fig 7, 100 m, ±30 min) and travel (Fig 8,
    /// walking speed; airliner speed over long distances) checks restricting use, as the patent describes them.
    /// The controller's offline decisions skip travel and, without the server's schedules, schedule too.
    /// </summary>
    public static class SitePolicy
    {
        public static AccessPolicy Default()
        {
            var policy = new AccessPolicy();
            policy.Schedule = CheckMode.Deny;
            policy.Travel = CheckMode.Deny;
            return policy;
        }
    }
}
