using System;
using System.Collections;
using DoorController.Config;
using DoorController.Controller;
using DoorController.Hal;

namespace DoorController.Tests.Controller
{
    /// <summary>A board for boot tests: outputs remember their level, one reader the test presents cards on.</summary>
    public sealed class FakeBoard : IBoard
    {
        private readonly Hashtable _outputs = new Hashtable();

        /// <summary>A pin whose driver fails to open (a dead GPIO or a wrong pin number).</summary>
        public int BrokenPin = -100;

        public FakeReader Reader = new FakeReader();

        public FakeOutput Output(int pin)
        {
            return (FakeOutput)_outputs[pin];
        }

        public IDigitalOutput OpenOutput(int pin)
        {
            if (pin == BrokenPin)
            {
                throw new InvalidOperationException("pin " + pin + " does not exist");
            }
            if (pin == ConfigDefaults.PinNotUsed)
            {
                return null;
            }
            FakeOutput output = new FakeOutput();
            _outputs[pin] = output;
            return output;
        }

        public IDigitalInput OpenInput(int pin)
        {
            return pin == ConfigDefaults.PinNotUsed ? null : new FakeInput();
        }

        public ICredentialReader[] OpenReaders(ControllerConfig config)
        {
            Reader.ReaderId = config.NfcReaderId;
            return new ICredentialReader[] { Reader };
        }

        public IMqttTransport OpenMqtt(ControllerConfig config)
        {
            return null;
        }
    }

    public sealed class FakeOutput : IDigitalOutput
    {
        public bool Level = true;
        public int Writes;

        public void Write(bool high)
        {
            Level = high;
            Writes++;
        }
    }

    public sealed class FakeInput : IDigitalInput
    {
        public bool Level;

        public bool Read()
        {
            return Level;
        }

        public void SetEdgeListener(IPinEdgeListener listener)
        {
        }
    }

    public sealed class FakeReader : ICredentialReader
    {
        public int ReaderId;
        private ICredentialSink _sink;

        public bool Start(ICredentialSink sink)
        {
            _sink = sink;
            return true;
        }

        public void Poll()
        {
        }

        public void Stop()
        {
            _sink = null;
        }

        public void Present(byte[] uid)
        {
            _sink.OnCardUid(ReaderId, uid, uid.Length);
        }
    }
}
