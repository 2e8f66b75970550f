using System.Text;
using DoorController.Core;

namespace DoorController.Contract
{
    /// <summary>
    /// A remote command on dc/v1/dev/&lt;id&gt;/cmd (QoS 1). Authenticated with HMAC-SHA256 under the device key over
    /// <see cref="SignedText"/>, and made unreplayable by a strictly increasing "counter" plus an "issued-at" window
    /// (checked by <c>Link.Commands.CommandAuthenticator</c>).
    /// </summary>
    public sealed class CommandMessage
    {
        public string RequestId;
        public string Command;
        public long Door;
        public long DurationMilliseconds;
        public long Counter;
        public long IssuedAt;
        public string Mac;

        /// <summary>
        /// The exact text the MAC covers: fixed field order, newline separated, with the device id so a command
        /// captured for one controller is worthless on another.
        /// </summary>
        public string SignedText(string deviceId)
        {
            return "dc/v1/cmd\n" + deviceId + "\n" + Counter.ToString() + "\n" + IssuedAt.ToString() + "\n" + RequestId + "\n"
                + Command + "\n" + Door.ToString() + "\n" + DurationMilliseconds.ToString();
        }

        /// <summary>HMAC-SHA256 under the device key over <see cref="SignedText"/>: what the server signs and the controller checks.</summary>
        public byte[] ComputeMac(byte[] deviceKey, string deviceId)
        {
            return KeyedHash.Compute(deviceKey, Encoding.UTF8.GetBytes(SignedText(deviceId)));
        }

        /// <summary>Server side: fills <see cref="Mac"/>.</summary>
        public void Sign(byte[] deviceKey, string deviceId)
        {
            Mac = Hex.Encode(ComputeMac(deviceKey, deviceId));
        }

        public byte[] ToJson()
        {
            return LinkJson.Begin()
                .String("request-id", RequestId)
                .String("command", Command)
                .Number("door", Door)
                .Number("duration-ms", DurationMilliseconds)
                .Number("counter", Counter)
                .Number("issued-at", IssuedAt)
                .String("mac", Mac)
                .EndObject().ToBytes();
        }

        public static bool TryParse(byte[] payload, out CommandMessage command, out string error)
        {
            command = null;
            Json.JsonObject o;
            if (!LinkJson.TryOpen(payload, out o, out error))
            {
                return false;
            }
            CommandMessage c = new CommandMessage();
            if (!LinkJson.RequireString(o, "request-id", out c.RequestId, ref error)
                || !LinkJson.RequireString(o, "command", out c.Command, ref error)
                || !LinkJson.OptionalLong(o, "door", 0, out c.Door, ref error)
                || !LinkJson.OptionalLong(o, "duration-ms", 0, out c.DurationMilliseconds, ref error)
                || !LinkJson.RequireLong(o, "counter", out c.Counter, ref error)
                || !LinkJson.RequireLong(o, "issued-at", out c.IssuedAt, ref error)
                || !LinkJson.RequireString(o, "mac", out c.Mac, ref error))
            {
                return false;
            }
            command = c;
            return true;
        }
    }
}
