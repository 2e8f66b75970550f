using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DoorController.NfCheck
{
    /// <summary>The scanner's rules for constructs other than generics: async, records, tuples, unsafe, formatting...</summary>
    public sealed partial class ConstructScanner
    {
        // ---- other unsupported constructs ------------------------------------------------------------------------

        public override void VisitArrayRankSpecifier(ArrayRankSpecifierSyntax node)
        {
            if (node.Rank > 1)
            {
                // Name the array type (int[,]), as the semantic pass does, so one line yields one report.
                ITypeSymbol type = node.Parent is ArrayTypeSyntax arrayType ? _model.GetTypeInfo(arrayType).Type : null;
                string shown = type is IArrayTypeSymbol ? type.ToDisplayString(TypeFormat) : node.ToString();
                Report(node, "NF005", $"multidimensional array {shown} is not supported on {Runtime}; use a jagged array or index arithmetic");
            }
            base.VisitArrayRankSpecifier(node);
        }

        public override void VisitRecordDeclaration(RecordDeclarationSyntax node)
        {
            Report(node.Keyword, "NF006", $"record {node.Identifier.Text} is not supported on {Runtime}; use a class");
            base.VisitRecordDeclaration(node);
        }

        public override void VisitWithExpression(WithExpressionSyntax node)
        {
            Report(node.WithKeyword, "NF006", $"'with' expressions (records) are not supported on {Runtime}");
            base.VisitWithExpression(node);
        }

        public override void VisitMethodDeclaration(MethodDeclarationSyntax node)
        {
            CheckModifiers(node.Modifiers, node.Identifier.Text);
            base.VisitMethodDeclaration(node);
        }

        public override void VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
        {
            CheckModifiers(node.Modifiers, node.Identifier.Text);
            base.VisitLocalFunctionStatement(node);
        }

        public override void VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node)
        {
            CheckModifiers(node.Modifiers, "lambda");
            base.VisitParenthesizedLambdaExpression(node);
        }

        public override void VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node)
        {
            CheckModifiers(node.Modifiers, "lambda");
            base.VisitSimpleLambdaExpression(node);
        }

        public override void VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node)
        {
            CheckModifiers(node.Modifiers, "anonymous method");
            base.VisitAnonymousMethodExpression(node);
        }

        private void CheckModifiers(SyntaxTokenList modifiers, string name)
        {
            foreach (SyntaxToken modifier in modifiers)
            {
                if (modifier.IsKind(SyntaxKind.AsyncKeyword))
                {
                    Report(modifier, "NF007", $"async {name}: async/await and Task are not available on {Runtime}; use a thread, a timer or a polled state machine");
                }
                else if (modifier.IsKind(SyntaxKind.UnsafeKeyword))
                {
                    Report(modifier, "NF016", $"unsafe code is not supported on {Runtime}");
                }
            }
        }

        public override void VisitAwaitExpression(AwaitExpressionSyntax node)
        {
            Report(node.AwaitKeyword, "NF008", $"await is not available on {Runtime} (no Task, no async state machines)");
            base.VisitAwaitExpression(node);
        }

        public override void VisitForEachStatement(ForEachStatementSyntax node)
        {
            ReportAwaitKeyword(node.AwaitKeyword);
            base.VisitForEachStatement(node);
        }

        public override void VisitUsingStatement(UsingStatementSyntax node)
        {
            ReportAwaitKeyword(node.AwaitKeyword);
            base.VisitUsingStatement(node);
        }

        public override void VisitLocalDeclarationStatement(LocalDeclarationStatementSyntax node)
        {
            ReportAwaitKeyword(node.AwaitKeyword);
            base.VisitLocalDeclarationStatement(node);
        }

        private void ReportAwaitKeyword(SyntaxToken token)
        {
            if (token.IsKind(SyntaxKind.AwaitKeyword))
            {
                Report(token, "NF008", $"await is not available on {Runtime} (no Task, no async state machines)");
            }
        }

        public override void VisitYieldStatement(YieldStatementSyntax node)
        {
            Report(node.YieldKeyword, "NF019", $"iterators (yield) compile to a generic IEnumerator<T> class, not available on {Runtime}; implement IEnumerator by hand");
            base.VisitYieldStatement(node);
        }

        public override void VisitTupleType(TupleTypeSyntax node)
        {
            Report(node, "NF010", TupleMessage);
            base.VisitTupleType(node);
        }

        public override void VisitTupleExpression(TupleExpressionSyntax node)
        {
            if (IsDeconstruction(node))
            {
                base.VisitTupleExpression(node);
                return;
            }
            Report(node, "NF010", TupleMessage);
            base.VisitTupleExpression(node);
        }

        public override void VisitNullableType(NullableTypeSyntax node)
        {
            ITypeSymbol element = _model.GetTypeInfo(node.ElementType).Type;
            // `string?` is only an annotation (nullable context is off); `int?` needs Nullable<T>, which 1.x lacks.
            if (element == null || element.IsValueType || element.TypeKind == TypeKind.Error || element.TypeKind == TypeKind.TypeParameter)
            {
                Report(node, "NF011", $"nullable value type {node} is not supported on {Runtime} (Nullable<T> is generic); use a sentinel value or a bool flag");
            }
            base.VisitNullableType(node);
        }

        public override void VisitStackAllocArrayCreationExpression(StackAllocArrayCreationExpressionSyntax node)
        {
            Report(node.StackAllocKeyword, "NF012", $"stackalloc is not supported on {Runtime}");
            base.VisitStackAllocArrayCreationExpression(node);
        }

        public override void VisitImplicitStackAllocArrayCreationExpression(ImplicitStackAllocArrayCreationExpressionSyntax node)
        {
            Report(node.StackAllocKeyword, "NF012", $"stackalloc is not supported on {Runtime}");
            base.VisitImplicitStackAllocArrayCreationExpression(node);
        }

        public override void VisitInterfaceDeclaration(InterfaceDeclarationSyntax node)
        {
            foreach (MemberDeclarationSyntax member in node.Members)
            {
                bool isStatic = member.Modifiers.Any(SyntaxKind.StaticKeyword);
                bool isAbstractOrVirtual = member.Modifiers.Any(SyntaxKind.AbstractKeyword) || member.Modifiers.Any(SyntaxKind.VirtualKeyword);
                if (isStatic && isAbstractOrVirtual)
                {
                    Report(member, "NF014", $"static abstract/virtual interface member in {node.Identifier.Text} is not supported on {Runtime}");
                }
                else if (isStatic || HasBody(member))
                {
                    Report(member, "NF013", $"interface member with a body or static member (default interface members) in {node.Identifier.Text} is not supported on {Runtime}");
                }
            }
            base.VisitInterfaceDeclaration(node);
        }

        private static bool HasBody(MemberDeclarationSyntax member) => member switch
        {
            BaseMethodDeclarationSyntax m => m.Body != null || m.ExpressionBody != null,
            PropertyDeclarationSyntax p => p.ExpressionBody != null || p.AccessorList != null && p.AccessorList.Accessors.Any(a => a.Body != null || a.ExpressionBody != null),
            IndexerDeclarationSyntax i => i.ExpressionBody != null || i.AccessorList != null && i.AccessorList.Accessors.Any(a => a.Body != null || a.ExpressionBody != null),
            EventDeclarationSyntax e => e.AccessorList != null && e.AccessorList.Accessors.Any(a => a.Body != null || a.ExpressionBody != null),
            _ => false,
        };

        public override void VisitAccessorDeclaration(AccessorDeclarationSyntax node)
        {
            if (node.IsKind(SyntaxKind.InitAccessorDeclaration))
            {
                Report(node.Keyword, "NF015", $"init accessors are not supported on {Runtime} (they need IsExternalInit); use a constructor or a set accessor");
            }
            base.VisitAccessorDeclaration(node);
        }

        // unsafe code: modifiers on types/members, unsafe blocks, pointers, fixed.
        public override void VisitClassDeclaration(ClassDeclarationSyntax node)
        {
            CheckModifiers(node.Modifiers, node.Identifier.Text);
            base.VisitClassDeclaration(node);
        }

        public override void VisitStructDeclaration(StructDeclarationSyntax node)
        {
            CheckModifiers(node.Modifiers, node.Identifier.Text);
            base.VisitStructDeclaration(node);
        }

        public override void VisitFieldDeclaration(FieldDeclarationSyntax node)
        {
            CheckModifiers(node.Modifiers, "field");
            base.VisitFieldDeclaration(node);
        }

        public override void VisitConstructorDeclaration(ConstructorDeclarationSyntax node)
        {
            CheckModifiers(node.Modifiers, node.Identifier.Text);
            base.VisitConstructorDeclaration(node);
        }

        public override void VisitPropertyDeclaration(PropertyDeclarationSyntax node)
        {
            CheckModifiers(node.Modifiers, node.Identifier.Text);
            base.VisitPropertyDeclaration(node);
        }

        public override void VisitUnsafeStatement(UnsafeStatementSyntax node)
        {
            Report(node.UnsafeKeyword, "NF016", $"unsafe code is not supported on {Runtime}");
            base.VisitUnsafeStatement(node);
        }

        public override void VisitPointerType(PointerTypeSyntax node)
        {
            Report(node, "NF016", $"pointer type {node} is not supported on {Runtime}");
            base.VisitPointerType(node);
        }

        public override void VisitFunctionPointerType(FunctionPointerTypeSyntax node)
        {
            Report(node, "NF016", $"function pointers are not supported on {Runtime}");
            base.VisitFunctionPointerType(node);
        }

        public override void VisitFixedStatement(FixedStatementSyntax node)
        {
            Report(node.FixedKeyword, "NF016", $"fixed (pinning) is not supported on {Runtime}");
            base.VisitFixedStatement(node);
        }

        // ---- formatting the device cannot do ---------------------------------------------------------------------

        public override void VisitInterpolation(InterpolationSyntax node)
        {
            if (node.AlignmentClause != null || node.FormatClause != null)
            {
                Report(node, "NF017", $"alignment/format specifiers in interpolated strings are not supported by String.Format on {Runtime}; format explicitly and concatenate");
            }
            CheckEnumToText(node.Expression);
            base.VisitInterpolation(node);
        }

        public override void VisitInvocationExpression(InvocationExpressionSyntax node)
        {
            if (_model.GetSymbolInfo(node).Symbol is IMethodSymbol method)
            {
                CheckStringArrayCreateInstance(node, method);
                if (method.Name == "Format" && method.ContainingType?.SpecialType == SpecialType.System_String
                    && node.ArgumentList.Arguments.Count > 0
                    && _model.GetConstantValue(node.ArgumentList.Arguments[0].Expression).Value is string format
                    && FormatItemWithSpecifier.IsMatch(format))
                {
                    Report(node, "NF017", $"alignment/format specifiers in String.Format are not supported on {Runtime}; format explicitly and concatenate");
                }
                if (method.Name == "ToString" && method.Parameters.Length == 0 && node.Expression is MemberAccessExpressionSyntax access)
                {
                    ITypeSymbol receiver = _model.GetTypeInfo(access.Expression).Type;
                    if (receiver?.TypeKind == TypeKind.Enum)
                    {
                        Report(node, "NF018", $"Enum.ToString() on {receiver.Name} returns a number or throws on {Runtime}; map the value to text with a switch");
                    }
                }
            }
            base.VisitInvocationExpression(node);
        }

        public override void VisitBinaryExpression(BinaryExpressionSyntax node)
        {
            if (node.IsKind(SyntaxKind.AddExpression) && _model.GetTypeInfo(node).Type?.SpecialType == SpecialType.System_String)
            {
                CheckEnumToText(node.Left);
                CheckEnumToText(node.Right);
            }
            base.VisitBinaryExpression(node);
        }

        /// <summary>An enum concatenated into text is an implicit Enum.ToString().</summary>
        private void CheckEnumToText(ExpressionSyntax expression)
        {
            ITypeSymbol type = _model.GetTypeInfo(expression).Type;
            if (type?.TypeKind == TypeKind.Enum)
            {
                Report(expression, "NF018", $"{type.Name} converted to text calls Enum.ToString(), which returns a number or throws on {Runtime}; map the value to text with a switch");
            }
        }
    }
}
