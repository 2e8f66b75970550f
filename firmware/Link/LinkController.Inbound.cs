using System;
using DoorController.Contract;

namespace DoorController.Link
{
    /// <summary>Each verified message from the server, by topic: decision answers, bundle chunks, commands, event acks,
    /// clock answers and notifications; anything refused is counted and reported (<see cref="Refused"/>).</summary>
    public sealed partial class LinkController
    {
        private void Dispatch(InboundMessage message, long now)
        {
            string topic = message.Topic;
            string error = null;
            try
            {
                // Authenticated topics are verified before a byte of them is parsed; chunks and commands carry
                // their own MACs (bundle chain, command MAC) and are checked by their own classes.
                if (_wire.IsAuthenticatedTopic(topic) && !_wire.Verify(topic, message.Payload, out error))
                {
                    error = "refused: " + error;
                }
                else if (topic == _topics.DecisionResponse)
                {
                    DecisionResponse response;
                    if (DecisionResponse.TryParse(message.Payload, out response, out error))
                    {
                        _decisions.OnResponse(response, out error);
                    }
                }
                else if (topic == _topics.EventsAck)
                {
                    EventAck ack;
                    if (EventAck.TryParse(message.Payload, out ack, out error) && _replayer.OnAck(ack, now, out error))
                    {
                        _statusDirty = _statusDirty || ack.UpTo > 0 && _events.Depth == 0;
                    }
                }
                else if (topic == _topics.SyncChunk)
                {
                    OnChunk(message.Payload, now);
                }
                else if (topic == _topics.Command)
                {
                    OnCommand(message.Payload);
                }
                else if (topic == _topics.Notify)
                {
                    Notification notification;
                    if (Notification.TryParse(message.Payload, out notification, out error) && _notificationGate.Admit(notification, out error))
                    {
                        _notifications.Show(notification);
                    }
                }
                else if (topic == _topics.Clock)
                {
                    ClockMessage clock;
                    if (ClockMessage.TryParse(message.Payload, out clock, out error))
                    {
                        _clockSync.OnClock(clock, now, out error);
                    }
                }
            }
            catch (Exception)
            {
                error = "internal error while handling message";
            }
            if (error != null)
            {
                Refused(topic, error);
            }
        }

        private void OnChunk(byte[] chunk, long now)
        {
            BundleStatus status = _bundles.Accept(chunk);
            if (status == BundleStatus.Accepted || status == BundleStatus.Duplicate)
            {
                _lastChunkUptime = now;
                return;
            }
            SyncResult result = new SyncResult();
            result.Nonce = _wire.NextNonce();
            result.Version = BundleVersionOf(chunk);
            result.Ok = status == BundleStatus.Installed;
            result.Error = result.Ok ? null : BundleStatusNames.Of(status) + ": " + _bundles.LastError;
            result.Installed = _bundles.InstalledVersion;
            _wire.Publish(_topics.SyncResult, result.ToJson(), 1, false);
            if (result.Ok)
            {
                _statusDirty = true;
                return;
            }
            Refused(_topics.SyncChunk, result.Error);
            if (status == BundleStatus.Truncated || status == BundleStatus.StorageFailed || status == BundleStatus.MergeRefused || status == BundleStatus.WrongBase)
            {
                RequestSync("retry");
            }
        }

        private void OnCommand(byte[] payload)
        {
            CommandMessage command;
            string error;
            CommandResult result = new CommandResult();
            if (!CommandMessage.TryParse(payload, out command, out error))
            {
                Refused(_topics.Command, error);
                return;
            }
            result.RequestId = command.RequestId;
            result.Command = command.Command;
            if (!_authenticator.Verify(command, out error))
            {
                Refused(_topics.Command, "command refused: " + error);
            }
            else if (command.Command == CommandNames.Resync)
            {
                RequestSync("command");
            }
            else if (CommandNames.IsDeviceCommand(command.Command))
            {
                if (!_commands.Execute(command, out error) && error == null)
                {
                    error = "failed";
                }
                _statusDirty = true;
            }
            else
            {
                error = "unknown-command";
            }
            result.Nonce = _wire.NextNonce();
            result.Ok = error == null;
            result.Error = error;
            _wire.Publish(_topics.CommandResult, result.ToJson(), 1, false);
        }

        private void Refused(string topic, string error)
        {
            ErrorCount++;
            LastError = error;
            ErrorMessage message = new ErrorMessage();
            message.Nonce = _wire.NextNonce();
            message.Topic = topic;
            message.Error = error;
            if (_online)
            {
                _wire.Publish(_topics.Error, message.ToJson(), 0, false);
            }
        }

        private static long BundleVersionOf(byte[] chunk)
        {
            return chunk != null && chunk.Length >= 16 ? Core.LittleEndian.ReadUInt32(chunk, 12) : 0;
        }
    }
}
