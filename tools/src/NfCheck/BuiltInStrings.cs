using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;

namespace DoorController.NfCheck
{
    /// <summary>
    /// The strings nanoCLR has built in, so the metadata processor never stores them in an assembly's string table
    /// (nanoframework-api.md section 0a: ids from 0xFFFF - 860 up). Derived, not copied: a name of the real mscorlib.dll
    /// that its own mscorlib.pe (both ship in NuGet nanoFramework.CoreLibrary) does not store must be a built-in.
    /// Built-ins that no mscorlib name spells are missed, which errs on the high side.
    /// </summary>
    public static class BuiltInStrings
    {
        private static readonly Lazy<HashSet<string>> Instance = new Lazy<HashSet<string>>(Build);

        public static ISet<string> All => Instance.Value;

        private static HashSet<string> Build()
        {
            Assembly self = typeof(BuiltInStrings).Assembly;
            HashSet<string> names = Names(Resource(self, "mscorlib.dll"));
            names.ExceptWith(PeStrings(Resource(self, "mscorlib.pe")));
            return names;
        }

        private static byte[] Resource(Assembly self, string name)
        {
            using Stream stream = self.GetManifestResourceStream(name) ?? throw new InvalidOperationException("nfcheck: " + name + " (nanoFramework.CoreLibrary) is not embedded in the tool");
            using MemoryStream copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }

        /// <summary>Every identifier of the assembly's metadata (#Strings heap).</summary>
        private static HashSet<string> Names(byte[] image)
        {
            using PEReader pe = new PEReader(new MemoryStream(image));
            MetadataReader md = pe.GetMetadataReader();
            HashSet<string> names = new HashSet<string>(StringComparer.Ordinal);
            for (StringHandle handle = MetadataTokens.StringHandle(1); !handle.IsNil; handle = md.GetNextHandle(handle))
            {
                names.Add(md.GetString(handle));
            }
            return names;
        }

        /// <summary>
        /// The strings of a nanoFramework .pe's string table: CLR_RECORD_ASSEMBLY (nanoCLR_Types.h) holds, after an
        /// 8-byte marker, five uint32, four uint16 and two uint16, the start of each of 16 tables (uint32) and after a
        /// uint32 the padding of each (byte); table 11 is Strings, NUL-terminated UTF-8.
        /// </summary>
        public static HashSet<string> PeStrings(byte[] pe)
        {
            const int startOfTables = 8 + 5 * 4 + 4 * 2 + 2 * 2;
            const int paddingOfTables = startOfTables + 16 * 4 + 4;
            const int stringsTable = 11;
            int start = (int)BitConverter.ToUInt32(pe, startOfTables + 4 * stringsTable);
            int end = (int)BitConverter.ToUInt32(pe, startOfTables + 4 * (stringsTable + 1)) - pe[paddingOfTables + stringsTable];
            HashSet<string> strings = new HashSet<string>(StringComparer.Ordinal);
            for (int i = start; i < end;)
            {
                int j = i;
                while (j < end && pe[j] != 0)
                {
                    j++;
                }
                strings.Add(Encoding.UTF8.GetString(pe, i, j - i));
                i = j + 1;
            }
            return strings;
        }
    }
}
