using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;

namespace DoorController.NfCheck
{
    /// <summary>
    /// Raw size figures of a compiled .NET assembly, read the way the nanoFramework metadata processor turns it into
    /// a .pe: <see cref="ByteCode"/> is the IL re-encoded as the processor writes it (method, field, type, string and
    /// long-branch operands take 2 bytes instead of 4, a switch 1 + 2 per target instead of 4 + 4 per target, each
    /// exception clause 12 bytes plus a count byte per method) and <see cref="StringBytes"/> the UTF-8 bytes + NUL of
    /// every distinct name and literal the string table would hold (type, namespace, field, method, member-reference and
    /// assembly names, string literals) less the ones nanoCLR has built in (<see cref="BuiltInStrings"/>).
    /// <see cref="SizeCalibration"/> scales these figures to real measurements.
    /// </summary>
    public sealed record IlMeasure(int ByteCode, int StringBytes, int IlBytes)
    {
        private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null))
            .ToDictionary(o => o.Value, o => o.OperandType);

        public static IlMeasure Read(byte[] image) => Read(image, out _);

        /// <summary>As <see cref="Read(byte[])"/>, also giving the strings counted (for calibration work).</summary>
        public static IlMeasure Read(byte[] image, out ISet<string> counted)
        {
            using PEReader pe = new PEReader(new MemoryStream(image));
            MetadataReader md = pe.GetMetadataReader();
            HashSet<string> strings = new HashSet<string>(StringComparer.Ordinal);
            int byteCode = 0, il = 0;
            foreach (MethodDefinitionHandle handle in md.MethodDefinitions)
            {
                MethodDefinition method = md.GetMethodDefinition(handle);
                if (method.RelativeVirtualAddress == 0)
                {
                    continue;
                }
                MethodBodyBlock body = pe.GetMethodBody(method.RelativeVirtualAddress);
                byte[] code = body.GetILBytes();
                il += code.Length;
                byteCode += NanoLength(code, md, strings);
                if (body.ExceptionRegions.Length > 0)
                {
                    byteCode += 12 * body.ExceptionRegions.Length + 1;
                }
            }
            AddName(strings, md.GetString(md.GetAssemblyDefinition().Name));
            foreach (TypeDefinitionHandle handle in md.TypeDefinitions)
            {
                TypeDefinition type = md.GetTypeDefinition(handle);
                AddName(strings, md.GetString(type.Name));
                AddName(strings, md.GetString(type.Namespace));
                foreach (FieldDefinitionHandle handle2 in type.GetFields())
                {
                    // Constants (enum members included) have no storage on the device: the processor drops them.
                    FieldDefinition field = md.GetFieldDefinition(handle2);
                    if ((field.Attributes & FieldAttributes.Literal) == 0)
                    {
                        AddName(strings, md.GetString(field.Name));
                    }
                }
                foreach (MethodDefinitionHandle method in type.GetMethods())
                {
                    AddName(strings, md.GetString(md.GetMethodDefinition(method).Name));
                }
            }
            foreach (TypeReferenceHandle handle in md.TypeReferences)
            {
                TypeReference type = md.GetTypeReference(handle);
                AddName(strings, md.GetString(type.Name));
                AddName(strings, md.GetString(type.Namespace));
            }
            foreach (MemberReferenceHandle handle in md.MemberReferences)
            {
                AddName(strings, md.GetString(md.GetMemberReference(handle).Name));
            }
            foreach (AssemblyReferenceHandle handle in md.AssemblyReferences)
            {
                AddName(strings, md.GetString(md.GetAssemblyReference(handle).Name));
            }
            foreach (CustomAttributeHandle handle in md.CustomAttributes)
            {
                AttributeStrings.Add(md, md.GetCustomAttribute(handle), strings);
            }
            strings.Remove("<Module>");
            strings.ExceptWith(BuiltInStrings.All);
            int stringBytes = strings.Sum(s => Encoding.UTF8.GetByteCount(s) + 1);
            counted = strings;
            return new IlMeasure(byteCode, stringBytes, il);
        }

        private static void AddName(HashSet<string> strings, string name)
        {
            if (!string.IsNullOrEmpty(name))
            {
                strings.Add(name);
            }
        }

        /// <summary>The method's IL length in the nanoFramework encoding; collects the string literals it loads.</summary>
        private static int NanoLength(byte[] code, MetadataReader md, HashSet<string> strings)
        {
            int length = 0;
            int i = 0;
            while (i < code.Length)
            {
                short value = code[i] == 0xFE && i + 1 < code.Length ? (short)(0xFE00 | code[i + 1]) : code[i];
                int opSize = code[i] == 0xFE ? 2 : 1;
                i += opSize;
                length += opSize;
                if (!Operands.TryGetValue(value, out OperandType operand))
                {
                    throw new InvalidDataException("nfcheck: unknown IL opcode 0x" + value.ToString("X"));
                }
                switch (operand)
                {
                    case OperandType.InlineNone:
                        break;
                    case OperandType.ShortInlineBrTarget:
                    case OperandType.ShortInlineI:
                    case OperandType.ShortInlineVar:
                        i += 1;
                        length += 1;
                        break;
                    case OperandType.InlineVar:
                        i += 2;
                        length += 2;
                        break;
                    case OperandType.InlineI:
                    case OperandType.ShortInlineR:
                    case OperandType.InlineTok:
                    case OperandType.InlineSig:
                        i += 4;
                        length += 4;
                        break;
                    case OperandType.InlineI8:
                    case OperandType.InlineR:
                        i += 8;
                        length += 8;
                        break;
                    case OperandType.InlineString:
                        strings.Add(md.GetUserString(MetadataTokens.UserStringHandle(BitConverter.ToInt32(code, i) & 0xFFFFFF)));
                        i += 4;
                        length += 2;
                        break;
                    case OperandType.InlineBrTarget:
                    case OperandType.InlineMethod:
                    case OperandType.InlineField:
                    case OperandType.InlineType:
                        i += 4;
                        length += 2;
                        break;
                    case OperandType.InlineSwitch:
                        int targets = BitConverter.ToInt32(code, i);
                        i += 4 + 4 * targets;
                        length += 1 + 2 * targets;
                        break;
                    default:
                        throw new InvalidDataException("nfcheck: unexpected IL operand type " + operand);
                }
            }
            return length;
        }
    }
}
