namespace Platform.ServiceDefaults;

/// <summary>
/// The service's configuration is missing or wrong in a way it cannot start with. The message starts with the PLAT code
/// and says what to set (docs/errors.md lists the codes).
/// </summary>
public sealed class PlatformConfigurationException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="PlatformConfigurationException"/> class.</summary>
    /// <param name="code">The PLAT code, e.g. <c>PLAT0300</c>.</param>
    /// <param name="message">What is wrong and what to do.</param>
    public PlatformConfigurationException(string code, string message)
        : base($"{code}: {message}")
    {
        Code = code;
    }

    /// <summary>Gets the PLAT code.</summary>
    public string Code { get; }
}
