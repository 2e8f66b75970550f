using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DoorController.NfCheck
{
    /// <summary>
    /// Finds constructs that compile against the surface but cannot run on nanoCLR 1.x (its runtime has no generics,
    /// no multidimensional arrays, no async state machines...). Syntax first, plus a semantic pass so generic use the
    /// source never spells out (inferred generic method calls, lambdas converted to Action&lt;T&gt;) is caught too.
    /// </summary>
    public sealed partial class ConstructScanner : CSharpSyntaxWalker
    {
        private const string Runtime = "nanoFramework 1.x";
        private const string TupleMessage = "tuples are not supported on " + Runtime + " (ValueTuple is generic); use a small class or out parameters";
        private static readonly Regex FormatItemWithSpecifier = new Regex(@"\{\d+\s*[,:]", RegexOptions.CultureInvariant);
        private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.MinimallyQualifiedFormat;

        private readonly SemanticModel _model;
        private readonly List<Violation> _violations = new List<Violation>();
        private readonly HashSet<string> _seen = new HashSet<string>();

        public ConstructScanner(SemanticModel model)
        {
            _model = model;
        }

        public IReadOnlyList<Violation> Violations => _violations;

        private void Report(SyntaxNodeOrToken at, string code, string message)
        {
            Violation violation = Checker.ToViolation(at.GetLocation(), code, message);
            // One report per line and message: `a.b.c` must not say the same thing three times.
            if (_seen.Add(violation.Path + ":" + violation.Line + ":" + code + ":" + message))
            {
                _violations.Add(violation);
            }
        }

        // ---- generics -------------------------------------------------------------------------------------------

        public override void VisitTypeParameterList(TypeParameterListSyntax node)
        {
            SyntaxNode owner = node.Parent;
            string name = owner switch
            {
                BaseTypeDeclarationSyntax t => t.Identifier.Text,
                DelegateDeclarationSyntax d => d.Identifier.Text,
                MethodDeclarationSyntax m => m.Identifier.Text,
                LocalFunctionStatementSyntax l => l.Identifier.Text,
                _ => "?",
            };
            bool isMethod = owner is MethodDeclarationSyntax || owner is LocalFunctionStatementSyntax;
            Report(node, isMethod ? "NF002" : "NF001",
                $"generic {(isMethod ? "method" : "type")} declaration {name}{node} is not supported on {Runtime} (no generics in the runtime)");
            base.VisitTypeParameterList(node);
        }

        public override void VisitGenericName(GenericNameSyntax node)
        {
            SymbolInfo info = _model.GetSymbolInfo(node);
            ISymbol symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
            if (symbol is IMethodSymbol method)
            {
                Report(node, "NF004", $"generic method {Describe(method)} is not available on {Runtime} (no generics in the runtime)");
            }
            else if (symbol is INamedTypeSymbol type)
            {
                Report(node, "NF003", $"generic type {Describe(type)} is not available on {Runtime}");
            }
            else
            {
                bool call = node.Parent is InvocationExpressionSyntax
                    || node.Parent is MemberAccessExpressionSyntax access && access.Name == node && access.Parent is InvocationExpressionSyntax;
                Report(node, call ? "NF004" : "NF003", $"generic {(call ? "method" : "type")} {node} is not available on {Runtime}");
            }
            base.VisitGenericName(node);
        }

        public override void VisitIdentifierName(IdentifierNameSyntax node)
        {
            ISymbol symbol = _model.GetSymbolInfo(node).Symbol;
            if (symbol is IMethodSymbol method && method.IsGenericMethod)
            {
                Report(node, "NF004", $"generic method {Describe(method)} is not available on {Runtime} (type arguments inferred)");
            }
            ITypeSymbol type = _model.GetTypeInfo(node).Type;
            if (type != null && type.TypeKind == TypeKind.Dynamic)
            {
                Report(node, "NF009", $"dynamic is not supported on {Runtime}");
            }
            if (IsNativeHashtable(symbol) || IsNativeHashtable(type))
            {
                Report(node, "NF020", HashtableMessage);
            }
            base.VisitIdentifierName(node);
        }

        /// <summary>Every expression: its type and converted type must not be generic, a tuple or a [,] array.</summary>
        public override void Visit(SyntaxNode node)
        {
            if (node is ExpressionSyntax expression && !(node is TypeSyntax) && !(node is LiteralExpressionSyntax))
            {
                TypeInfo info = _model.GetTypeInfo(expression);
                CheckExpressionType(expression, info.Type);
                if (!SymbolEqualityComparer.Default.Equals(info.Type, info.ConvertedType))
                {
                    CheckExpressionType(expression, info.ConvertedType);
                }
            }
            base.Visit(node);
        }

        private void CheckExpressionType(ExpressionSyntax at, ITypeSymbol type)
        {
            while (type is IArrayTypeSymbol array)
            {
                if (array.Rank > 1)
                {
                    Report(at, "NF005", $"multidimensional array {array.ToDisplayString(TypeFormat)} is not supported on {Runtime}; use a jagged array or index arithmetic");
                }
                type = array.ElementType;
            }
            if (type == null)
            {
                return;
            }
            if (type.TypeKind == TypeKind.Dynamic)
            {
                Report(at, "NF009", $"dynamic is not supported on {Runtime}");
            }
            else if (type is INamedTypeSymbol nullable && (nullable.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T
                || nullable.TypeKind == TypeKind.Error && nullable.Name == "Nullable" && nullable.Arity == 1))
            {
                Report(at, "NF011", $"expression of nullable value type {type.ToDisplayString(TypeFormat)} (e.g. ?. on a value member) is not supported on {Runtime} (Nullable<T> is generic)");
            }
            else if (type.IsTupleType)
            {
                if (!IsDeconstruction(at))
                {
                    Report(at, "NF010", TupleMessage);
                }
            }
            else if (type is INamedTypeSymbol named && named.IsGenericType)
            {
                Report(at, "NF003", $"generic type {Describe(named)} is not available on {Runtime}");
            }
        }

        /// <summary>
        /// `var (a, b) = x;` and `(a, b) = x;` compile to x.Deconstruct(out a, out b) with no ValueTuple, which the
        /// device runs; only a tuple value (a tuple literal on the right, a tuple type) needs ValueTuple.
        /// </summary>
        private static bool IsDeconstruction(ExpressionSyntax expression) => expression switch
        {
            DeclarationExpressionSyntax { Designation: ParenthesizedVariableDesignationSyntax } => true,
            TupleExpressionSyntax => expression.Parent is AssignmentExpressionSyntax assignment && assignment.Left == expression
                && assignment.Parent is ExpressionStatementSyntax,
            AssignmentExpressionSyntax assignment => assignment.Parent is ExpressionStatementSyntax
                && (assignment.Left is TupleExpressionSyntax || assignment.Left is DeclarationExpressionSyntax),
            _ => false,
        };

        private const string HashtableMessage = "System.Collections.Hashtable is not allowed in device code: on " + Runtime
            + " its native lookup faults (a CPU fault, not an exception) on a key whose hash code is 0 - 0, false, '\\0', \"\" - once a Remove or Clear"
            + " emptied a bucket, and a key can be stored twice after a Remove (nanoframework-api.md section 4); use DoorController.Core.ObjectMap";

        /// <summary>The type System.Collections.Hashtable itself (a mention of the type, a value of it or a member of it).</summary>
        private static bool IsNativeHashtable(ISymbol symbol)
        {
            INamedTypeSymbol type = symbol as INamedTypeSymbol ?? (symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } ctor ? ctor.ContainingType : null);
            return type != null && type.Name == "Hashtable" && type.ContainingNamespace?.ToDisplayString() == "System.Collections";
        }

        private static string Describe(INamedTypeSymbol type)
        {
            string definition = type.OriginalDefinition.ToDisplayString(TypeFormat);
            string used = type.ToDisplayString(TypeFormat);
            return definition == used || type.TypeKind == TypeKind.Error ? used : $"{definition} (as {used})";
        }

        private static string Describe(IMethodSymbol method)
        {
            return method.ContainingType == null ? method.Name : method.ContainingType.Name + "." + method.OriginalDefinition.Name + "<" + string.Join(", ", method.TypeArguments.Select(t => t.ToDisplayString(TypeFormat))) + ">";
        }
    }
}
