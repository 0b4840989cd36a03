using Platform.Cli.Infrastructure;

namespace Platform.Cli.Audit;

/// <summary>Evaluates every project of the repo in parallel, sharing one evaluator (SDK resolution, file system caches).</summary>
public static class ProjectEvaluation
{
    public static EvaluationOutcome?[] EvaluateAll(RepoLayout layout, IProgress<ScanProgress>? progress, CancellationToken cancellationToken)
    {
        var outcomes = new EvaluationOutcome?[layout.Projects.Count];
        using var evaluator = ProjectEvaluatorFactory.Create();
        var done = 0;
        Parallel.For(
            0,
            layout.Projects.Count,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount), CancellationToken = cancellationToken },
            i =>
            {
                outcomes[i] = evaluator.Evaluate(layout.Projects[i]);
                var count = Interlocked.Increment(ref done);
                progress?.Report(new ScanProgress(count, layout.Projects.Count, layout.Relative(layout.Projects[i])));
            });
        return outcomes;
    }
}
