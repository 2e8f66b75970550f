// nanoFramework.Networking.Sntp 1.6.42 - section 13 of nanoframework-api.md (namespace nanoFramework.Networking).

namespace nanoFramework.Networking
{
    public class Sntp
    {
        // No constructor is listed in the data file: this keeps C# from inventing a public one.
        private extern Sntp();
        public static extern void Start();
        public static extern void Stop();
        public static extern void UpdateNow();
        public static extern bool IsStarted { get; }
        public static extern string Server1 { get; set; }
        public static extern string Server2 { get; set; }
    }
}
