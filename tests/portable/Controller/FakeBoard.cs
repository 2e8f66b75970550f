using System;
using System.Collections;
using DoorController.Config;
using DoorController.Controller;
using DoorController.Hal;
using DoorController.Tests.Support;

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
            FakeOutput output = new FakeOutput(true);
            _outputs[pin] = output;
            return output;
        }

        public IDigitalInput OpenInput(int pin)
        {
            return pin == ConfigDefaults.PinNotUsed ? null : new FakeInput(false);
        }

        public ICredentialReader[] OpenReaders(ControllerConfig config)
        {
            Reader.ReaderId = config.NfcReaderId;
            return new ICredentialReader[] { Reader };
        }

        /// <summary>How often the boot asked for an MQTT client, and with which configuration.</summary>
        public int MqttOpened;
        public ControllerConfig MqttConfig;

        public IMqttTransport OpenMqtt(ControllerConfig config)
        {
            MqttOpened++;
            MqttConfig = config;
            return null;
        }
    }
}
