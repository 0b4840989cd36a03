// Written for the regression suite (not vendored): the few NuGet API shapes the excerpts depend on for the rules to
// bind as they do in a restored build. Everything else a package would bring stays unresolved.
namespace Serilog
{
    public static class Log
    {
        public static void Information(string messageTemplate, params object?[] propertyValues) { }
        public static void Warning(string messageTemplate, params object?[] propertyValues) { }
        public static void Error(System.Exception? exception, string messageTemplate, params object?[] propertyValues) { }
        public static void Fatal(System.Exception? exception, string messageTemplate, params object?[] propertyValues) { }
        public static void CloseAndFlush() { }
    }
}

namespace Microsoft.EntityFrameworkCore.Design
{
    public interface IDesignTimeDbContextFactory<out TContext> where TContext : class
    {
        TContext CreateDbContext(string[] args);
    }
}
