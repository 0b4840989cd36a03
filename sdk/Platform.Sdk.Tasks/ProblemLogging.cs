using Microsoft.Build.Utilities;

using Platform.Governance;

namespace Platform.Sdk.Tasks;

/// <summary>Reports governance problems as coded MSBuild errors and warnings, located at the file that declared the entry.</summary>
internal static class ProblemLogging
{
    public static void Report(this TaskLoggingHelper log, IEnumerable<GovernanceProblem> problems)
    {
        foreach (var problem in problems)
        {
            if (problem.IsError)
            {
                log.LogError(subcategory: null, problem.Code, helpKeyword: null, problem.File, 0, 0, 0, 0, problem.Message);
            }
            else
            {
                log.LogWarning(subcategory: null, problem.Code, helpKeyword: null, problem.File, 0, 0, 0, 0, problem.Message);
            }
        }
    }
}
