using System.Collections;

namespace DoorController.Provisioning
{
    /// <summary>
    /// Splits a command line into words on spaces; a double-quoted word may contain spaces (an SSID such as
    /// "Site Office"). The first two words (command and subject) are lower-cased; arguments are kept as typed.
    /// </summary>
    public static class ConsoleTokenizer
    {
        public const int MaxTokens = 16;

        /// <summary>The words of <paramref name="line"/>, or null with <paramref name="error"/> set.</summary>
        public static string[] Tokenize(string line, out string error)
        {
            error = null;
            ArrayList tokens = new ArrayList();
            int i = 0;
            while (i < line.Length)
            {
                while (i < line.Length && line[i] == ' ') i++;
                if (i >= line.Length) break;
                string token;
                if (line[i] == '"')
                {
                    // IndexOf with a start index equal to the length throws on the device: check first.
                    int close = i + 1 < line.Length ? line.IndexOf('"', i + 1) : -1;
                    if (close < 0)
                    {
                        error = "unterminated quote";
                        return null;
                    }
                    token = line.Substring(i + 1, close - i - 1);
                    i = close + 1;
                    if (i < line.Length && line[i] != ' ')
                    {
                        error = "a closing quote must end the word";
                        return null;
                    }
                }
                else
                {
                    int end = line.IndexOf(' ', i);
                    if (end < 0) end = line.Length;
                    token = line.Substring(i, end - i);
                    i = end;
                }
                if (tokens.Count >= MaxTokens)
                {
                    error = "too many words (max " + MaxTokens.ToString() + ")";
                    return null;
                }
                tokens.Add(tokens.Count < 2 ? token.ToLower() : token);
            }
            string[] result = new string[tokens.Count];
            for (int t = 0; t < result.Length; t++)
            {
                result[t] = (string)tokens[t];
            }
            return result;
        }
    }
}
