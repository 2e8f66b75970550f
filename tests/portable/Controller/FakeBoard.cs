using System;
using DoorController.Core;
using DoorController.Config;
using DoorController.Controller;
using DoorController.Hal;
using DoorController.Tests.Support;

namespace DoorController.Tests.Controller
{
    /// <summary>
    /// A board for boot tests: outputs remember the level they were opened at and their level now, inputs are kept
    /// by pin so a test can move them, one reader the test presents cards on.
    /// </summary>
    public sealed class FakeBoard : IBoard
    {
        private readonly ObjectMap _outputs = new ObjectMap();
        private readonly ObjectMap _openedAt = new ObjectMap();
        private readonly ObjectMap _inputs = new ObjectMap();

        /// <summary>A pin whose driver fails to open (a dead GPIO or a wrong pin number).</summary>
        public int BrokenPin = -100;

        public FakeReader Reader = new FakeReader();

        public FakeOutput Output(int pin)
        {
            return (FakeOutput)_outputs[pin];
        }

        /// <summary>The level the firmware asked for when it opened <paramref name="pin"/>.</summary>
        public bool OpenedAt(int pin)
        {
            return (bool)_openedAt[pin];
        }

        public FakeInput Input(int pin)
        {
            return (FakeInput)_inputs[pin];
        }

        /// <summary>Level an input reads when opened (default low); set before boot.</summary>
        public ObjectMap InputLevels = new ObjectMap();

        public IDigitalOutput OpenOutput(int pin, bool initialLevel)
        {
            if (pin == BrokenPin)
            {
                throw new InvalidOperationException("pin " + pin + " does not exist");
            }
            if (pin == ConfigDefaults.PinNotUsed)
            {
                return null;
            }
            FakeOutput output = new FakeOutput(initialLevel);
            _outputs[pin] = output;
            _openedAt[pin] = initialLevel;
            return output;
        }

        public IDigitalInput OpenInput(int pin)
        {
            if (pin == ConfigDefaults.PinNotUsed)
            {
                return null;
            }
            FakeInput input = new FakeInput(InputLevels[pin] != null && (bool)InputLevels[pin]);
            _inputs[pin] = input;
            return input;
        }

        public ICredentialReader[] OpenReaders(ControllerConfig config)
        {
            Reader.ReaderId = config.NfcReaderId;
            return new ICredentialReader[] { Reader };
        }

        /// <summary>How often the boot asked for an MQTT client, and with which configuration.</summary>
        public int MqttOpened;
        public ControllerConfig MqttConfig;

        public II2cDevice OpenI2c(int sdaPin, int sclPin, int address)
        {
            return null;
        }

        public IMqttTransport OpenMqtt(ControllerConfig config)
        {
            MqttOpened++;
            MqttConfig = config;
            return null;
        }
    }
}
