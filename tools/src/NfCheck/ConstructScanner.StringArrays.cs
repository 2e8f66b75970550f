using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DoorController.NfCheck
{
    /// <summary>
    /// NF027: string arrays whose elements nanoCLR never sets. `new string[n]` leaves each element typed as a string
    /// with no text (CLR_RT_HeapBlock_Array::ClearElements keeps DATATYPE_STRING with a null pointer), not a null
    /// reference: compared with null as a value (`bool b = a[i] == null`, and every such comparison in a Debug build)
    /// it is not null, and string equality on it (`a[i] == "x"`) crashes the runtime. The compiler does not store the
    /// null elements of an array initializer either, so `{ "a", null }` leaves the same element.
    /// Accepted: an array whose every element is assigned before anything reads it, proven by the one pattern the
    /// scan recognises: a local `string[] a = new string[n];` followed, before any other mention of `a`, by
    /// `for (int i = 0; i &lt; a.Length; i++)` whose body starts with `a[i] = ...;`.
    /// </summary>
    public sealed partial class ConstructScanner
    {
        private const string StringArrayHazard = "on " + Runtime + " an element of a new string[] that was never assigned is not a null"
            + " reference: compared with null as a value (a Debug build, or `bool b = a[i] == null`) it is not null, and comparing it with"
            + " a string crashes the runtime";

        private const string StringArrayAlternatives = "use an object[] for slots that may stay empty, an initializer without null"
            + " elements, an ArrayList and (string[])list.ToArray(typeof(string)), or assign every element right after the"
            + " declaration: `for (int i = 0; i < a.Length; i++) { a[i] = ...; }` before any other use of a";

        public override void VisitArrayCreationExpression(ArrayCreationExpressionSyntax node)
        {
            if (IsStringArray(_model.GetTypeInfo(node).Type))
            {
                if (node.Initializer != null)
                {
                    CheckNullElements(node.Initializer);
                }
                else if (!IsEmpty(node) && !IsFilledBeforeRead(node))
                {
                    Report(node, "NF027", $"{node} without an initializer: {StringArrayHazard}; {StringArrayAlternatives}");
                }
            }
            base.VisitArrayCreationExpression(node);
        }

        public override void VisitImplicitArrayCreationExpression(ImplicitArrayCreationExpressionSyntax node)
        {
            if (IsStringArray(_model.GetTypeInfo(node).Type))
            {
                CheckNullElements(node.Initializer);
            }
            base.VisitImplicitArrayCreationExpression(node);
        }

        /// <summary>`string[] a = { "x", null };` (an initializer with no `new`).</summary>
        public override void VisitInitializerExpression(InitializerExpressionSyntax node)
        {
            if (node.IsKind(SyntaxKind.ArrayInitializerExpression) && node.Parent is EqualsValueClauseSyntax
                && IsStringArray(_model.GetTypeInfo(node).ConvertedType))
            {
                CheckNullElements(node);
            }
            base.VisitInitializerExpression(node);
        }

        /// <summary>`Array.CreateInstance(typeof(string), n)` makes the same elements as `new string[n]`.</summary>
        private void CheckStringArrayCreateInstance(InvocationExpressionSyntax node, IMethodSymbol method)
        {
            if (method.Name == "CreateInstance" && method.ContainingType?.SpecialType == SpecialType.System_Array
                && node.ArgumentList.Arguments.Count > 0
                && node.ArgumentList.Arguments[0].Expression is TypeOfExpressionSyntax typeOf
                && _model.GetTypeInfo(typeOf.Type).Type?.SpecialType == SpecialType.System_String)
            {
                Report(node, "NF027", $"Array.CreateInstance(typeof(string), ...): {StringArrayHazard}; {StringArrayAlternatives}");
            }
        }

        private void CheckNullElements(InitializerExpressionSyntax initializer)
        {
            foreach (ExpressionSyntax element in initializer.Expressions)
            {
                Optional<object> constant = _model.GetConstantValue(element);
                if (constant.HasValue && constant.Value == null)
                {
                    Report(element, "NF027", $"null element {element} in a string[] initializer: the compiler does not store it, so {StringArrayHazard}; {StringArrayAlternatives}");
                }
            }
        }

        private static bool IsStringArray(ITypeSymbol type) =>
            type is IArrayTypeSymbol { Rank: 1 } array && array.ElementType.SpecialType == SpecialType.System_String;

        /// <summary>`new string[0]`: no element to read.</summary>
        private bool IsEmpty(ArrayCreationExpressionSyntax node)
        {
            ExpressionSyntax size = node.Type.RankSpecifiers[0].Sizes.FirstOrDefault();
            return size != null && _model.GetConstantValue(size) is { HasValue: true, Value: 0 };
        }

        /// <summary>
        /// The creation initialises a local, and the first statement after the declaration that mentions the local
        /// is a fill loop (<see cref="IsFillLoop"/>).
        /// </summary>
        private bool IsFilledBeforeRead(ArrayCreationExpressionSyntax node)
        {
            if (node.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                || declarator.Parent?.Parent is not LocalDeclarationStatementSyntax declaration
                || declaration.Parent is not BlockSyntax block
                || _model.GetDeclaredSymbol(declarator) is not ILocalSymbol array)
            {
                return false;
            }
            foreach (StatementSyntax statement in block.Statements.SkipWhile(s => s != declaration).Skip(1))
            {
                if (statement is ForStatementSyntax loop && IsFillLoop(loop, array))
                {
                    return true;
                }
                if (Mentions(statement, array))
                {
                    return false;
                }
            }
            return false;
        }

        /// <summary>
        /// `for (int i = 0; i &lt; a.Length; i++)` (or ++i, i += 1) whose body starts with `a[i] = value;`, where the
        /// value does not read a and the body never changes i: every element is assigned before it can be read.
        /// </summary>
        private bool IsFillLoop(ForStatementSyntax loop, ILocalSymbol array)
        {
            if (loop.Declaration?.Variables.Count != 1 || loop.Initializers.Count != 0 || loop.Incrementors.Count != 1
                || !(loop.Declaration.Variables[0].Initializer?.Value is ExpressionSyntax start && _model.GetConstantValue(start) is { HasValue: true, Value: 0 })
                || _model.GetDeclaredSymbol(loop.Declaration.Variables[0]) is not ILocalSymbol index)
            {
                return false;
            }
            bool bounded = loop.Condition is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LessThanExpression } condition
                && Is(condition.Left, index)
                && condition.Right is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" } length && Is(length.Expression, array);
            bool stepsByOne = loop.Incrementors[0] switch
            {
                PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression } post => Is(post.Operand, index),
                PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression } pre => Is(pre.Operand, index),
                AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression } add => Is(add.Left, index)
                    && _model.GetConstantValue(add.Right) is { HasValue: true, Value: 1 },
                _ => false,
            };
            StatementSyntax first = loop.Statement is BlockSyntax body ? body.Statements.FirstOrDefault() : loop.Statement;
            bool assignsFirst = first is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } store }
                && store.Left is ElementAccessExpressionSyntax { ArgumentList.Arguments.Count: 1 } element
                && Is(element.Expression, array) && Is(element.ArgumentList.Arguments[0].Expression, index)
                && !Mentions(store.Right, array);
            return bounded && stepsByOne && assignsFirst && !Writes(loop.Statement, index);
        }

        private bool Is(ExpressionSyntax expression, ILocalSymbol local) =>
            expression is IdentifierNameSyntax && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(expression).Symbol, local);

        private bool Mentions(SyntaxNode node, ILocalSymbol local) =>
            node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
                .Any(n => n.Identifier.ValueText == local.Name && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(n).Symbol, local));

        /// <summary>An assignment, ++/-- or ref/out argument that changes <paramref name="local"/> inside <paramref name="node"/>.</summary>
        private bool Writes(SyntaxNode node, ILocalSymbol local) =>
            node.DescendantNodesAndSelf().Any(n => n switch
            {
                AssignmentExpressionSyntax assignment => Is(assignment.Left, local),
                PostfixUnaryExpressionSyntax postfix => Is(postfix.Operand, local),
                PrefixUnaryExpressionSyntax prefix => (prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression)) && Is(prefix.Operand, local),
                ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None) && Is(argument.Expression, local),
                _ => false,
            });
    }
}
