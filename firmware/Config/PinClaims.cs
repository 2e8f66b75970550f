namespace DoorController.Config
{
    /// <summary>
    /// Collects the pins a configuration uses so that no GPIO is given two functions; each claim also checks the
    /// pin exists and can drive an output when the function needs one.
    /// </summary>
    public sealed class PinClaims
    {
        // object[], not string[]: nanoCLR leaves the elements of a new string[] typed as strings with no text, and
        // `_owners[pin] != null` evaluated as a value (a Debug build) then calls every free pin taken (nfcheck NF027).
        private readonly object[] _owners = new object[Esp32Pins.MaxGpio + 1];

        /// <summary>Claims <paramref name="pin"/> for <paramref name="function"/>; "not used" always succeeds.</summary>
        public string Claim(string function, int pin, bool needsOutput)
        {
            if (pin == ConfigDefaults.PinNotUsed)
            {
                return null;
            }
            string problem = Esp32Pins.Problem(pin, needsOutput);
            if (problem != null)
            {
                return function + " pin: " + problem;
            }
            if (_owners[pin] != null)
            {
                return function + " pin: GPIO " + pin.ToString() + " is already used by " + (string)_owners[pin];
            }
            _owners[pin] = function;
            return null;
        }

        /// <summary>As <see cref="Claim"/>, but the function cannot be left unconnected.</summary>
        public string ClaimRequired(string function, int pin, bool needsOutput)
        {
            if (pin == ConfigDefaults.PinNotUsed)
            {
                return function + " pin is required";
            }
            return Claim(function, pin, needsOutput);
        }
    }
}
