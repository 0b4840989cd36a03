namespace Platform.Cli.Audit.SupplyChain;

/// <summary>
/// A project's base image against the pins the newest kit approves. The pins name mcr.microsoft.com images; a project
/// behind PlatformContainerRegistryMirror is compared under the name it mirrors.
/// </summary>
public static class BasePinDrift
{
    public const string MicrosoftRegistry = "mcr.microsoft.com";

    public static BasePinAudit Judge(string image, string? registryMirror, ApprovedBasePins pins)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var nameTag = at < 0 ? image : image[..at];
        var pin = at < 0 ? null : image[(at + 1)..];
        var mirror = registryMirror?.Trim().TrimEnd('/');
        if (!string.IsNullOrEmpty(mirror) && nameTag.StartsWith(mirror + "/", StringComparison.OrdinalIgnoreCase))
        {
            nameTag = MicrosoftRegistry + nameTag[mirror.Length..];
        }

        var newest = pins.DigestOf(nameTag);
        var status = pin is null ? BasePinStatus.Unpinned
            : newest is null ? BasePinStatus.Unknown
            : string.Equals(pin, newest, StringComparison.Ordinal) ? BasePinStatus.Current
            : BasePinStatus.Outdated;
        return new BasePinAudit(image, pin, newest, pins.KitVersion, status);
    }
}
