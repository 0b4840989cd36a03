using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Platform.Analyzers.Infrastructure;

/// <summary>
/// The program's entry point as PLAT1004 and PLAT5001 see it: a static Main or top-level statements, treated the same.
/// Only code directly in it runs at start-up; a lambda or local function declared there (a minimal API handler, a
/// callback) runs later, per request, so it is not "in the entry point".
/// </summary>
internal static class EntryPoint
{
    public static bool IsEntryPoint(ISymbol symbol) =>
        symbol is IMethodSymbol { IsStatic: true, Name: "Main" or WellKnownMemberNames.TopLevelStatementsEntryPointMethodName };

    public static bool IsInLambdaOrLocalFunction(IOperation operation)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }
}
