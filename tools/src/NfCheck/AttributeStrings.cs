using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace DoorController.NfCheck
{
    /// <summary>
    /// The string arguments of a custom attribute (e.g. a test's [DataRow("...")]), which the metadata processor
    /// stores in the string table like any literal. Enum arguments are decoded as Int32, which is what every enum
    /// device code passes to an attribute is.
    /// </summary>
    internal sealed class AttributeStrings : ICustomAttributeTypeProvider<string>
    {
        private static readonly AttributeStrings Provider = new AttributeStrings();

        public static void Add(MetadataReader md, CustomAttribute attribute, HashSet<string> strings)
        {
            CustomAttributeValue<string> value;
            try
            {
                value = attribute.DecodeValue(Provider);
            }
            catch (Exception e) when (e is BadImageFormatException || e is ArgumentException || e is InvalidOperationException)
            {
                return; // an argument shape this decoder does not know: it counts no strings rather than failing the check
            }
            foreach (CustomAttributeTypedArgument<string> argument in value.FixedArguments)
            {
                Collect(argument, strings);
            }
            foreach (CustomAttributeNamedArgument<string> argument in value.NamedArguments)
            {
                Collect(new CustomAttributeTypedArgument<string>(argument.Type, argument.Value), strings);
            }
        }

        private static void Collect(CustomAttributeTypedArgument<string> argument, HashSet<string> strings)
        {
            if (argument.Value is string text && text.Length > 0)
            {
                strings.Add(text);
            }
            else if (argument.Value is ImmutableArray<CustomAttributeTypedArgument<string>> items)
            {
                foreach (CustomAttributeTypedArgument<string> item in items)
                {
                    Collect(item, strings);
                }
            }
        }

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

        public string GetSystemType() => "System.Type";

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeDefinition(handle).Name);

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeReference(handle).Name);

        public string GetTypeFromSerializedName(string name) => name;

        public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;

        public bool IsSystemType(string type) => type == "System.Type" || type == "Type";
    }
}
