using System.Reflection;

namespace Platform.Sdk.Tasks.SupplyChain;

/// <summary>
/// The CycloneDX tool's <c>IDotnetUtilsService</c> and <c>IDotnetCommandService</c>, answered from the build instead of
/// by starting the .NET CLI: the global packages folder is the one restore used (<c>$(NuGetPackageRoot)</c>, what
/// <c>dotnet nuget locals global-packages --list</c> prints), the fallback folder is the running SDK's (what the tool
/// derives from <c>dotnet --list-sdks</c>), and the assets file is <c>$(ProjectAssetsFile)</c>. Restore is the build's
/// job (the tool runs with -dpr), so a request to restore or to run any command fails with that reason.
/// The interfaces live in the tool's load context, so these are runtime proxies (DispatchProxy) over them.
/// </summary>
public class NoProcessServices : DispatchProxy
{
    private Func<MethodInfo, object?[]?, object?> answer = (_, _) => null;

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => answer(targetMethod!, args);

    internal static object CreateUtils(Type utilsInterface, string packageRoot, string? fallbackFolder, string assetsFile)
    {
        var proxy = DispatchProxy.Create(utilsInterface, typeof(NoProcessServices));
        ((NoProcessServices)proxy).answer = (method, _) => method.Name switch
        {
            "GetPackageCachePaths" => Result(method.ReturnType, fallbackFolder is null ? [packageRoot] : new List<string> { packageRoot, fallbackFolder }),
            "GetAssetsPath" => Result(method.ReturnType, assetsFile),
            _ => Failure(method.ReturnType, "The build restores the project before the SBOM is made; the generator does not restore in process."),
        };
        return proxy;
    }

    internal static object CreateCommands(Type commandInterface)
    {
        var proxy = DispatchProxy.Create(commandInterface, typeof(NoProcessServices));
        var timeout = 0;
        ((NoProcessServices)proxy).answer = (method, args) =>
        {
            switch (method.Name)
            {
                case "get_TimeoutMilliseconds":
                    return timeout;
                case "set_TimeoutMilliseconds":
                    timeout = (int)args![0]!;
                    return null;
                default:
                    var result = Activator.CreateInstance(method.ReturnType)!;
                    method.ReturnType.GetProperty("ExitCode")!.SetValue(result, 1);
                    method.ReturnType.GetProperty("StdErr")!.SetValue(result, $"In process, the SBOM generator starts no 'dotnet {args?.LastOrDefault()}'.");
                    method.ReturnType.GetProperty("StdOut")!.SetValue(result, string.Empty);
                    return result;
            }
        };
        return proxy;
    }

    private static object Result(Type resultType, object value)
    {
        var result = Activator.CreateInstance(resultType)!;
        resultType.GetProperty("Result")!.SetValue(result, value);
        return result;
    }

    private static object Failure(Type resultType, string message)
    {
        var result = Activator.CreateInstance(resultType)!;
        resultType.GetProperty("ErrorMessage")!.SetValue(result, message);
        return result;
    }
}
