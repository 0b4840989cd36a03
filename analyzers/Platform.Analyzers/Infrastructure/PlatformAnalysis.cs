using System;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Platform.Analyzers.Infrastructure;

/// <summary>
/// How every PLAT rule starts its compilation: with the project's MSBuild facts (<see cref="PlatformProject"/>).
/// (Each rule still enables concurrent execution and skips generated code in its own Initialize, where RS1025/RS1026 look.)
/// </summary>
internal static class PlatformAnalysis
{
    public static void RegisterPlatformCompilationStart(this AnalysisContext context, Action<CompilationStartAnalysisContext, PlatformProject> action)
    {
        context.RegisterCompilationStartAction(start => action(start, PlatformProject.Create(start.Compilation, start.Options)));
    }

    /// <summary>The service rules: only in code that runs in or ships into a service (<see cref="PlatformProject.IsServiceCode"/>).</summary>
    public static void RegisterServiceCodeStart(this AnalysisContext context, Action<CompilationStartAnalysisContext, PlatformProject> action) =>
        context.RegisterPlatformCompilationStart((start, project) =>
        {
            if (project.IsServiceCode)
            {
                action(start, project);
            }
        });
}
