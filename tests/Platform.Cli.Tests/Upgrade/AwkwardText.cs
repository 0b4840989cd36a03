using CsCheck;

namespace Platform.Cli.Tests.Upgrade;

/// <summary>Random text made of the pieces that break hand-written JSON and XML writers.</summary>
public static class AwkwardText
{
    private static readonly string[] Pieces =
    [
        "a", "Z", "0", "-", ".", " ", "\"", "'", "\\", "/", "&", "<", ">", "{", "}", "[", "]", ",", ";", ":", "//", "/*", "*/",
        "\n", "\r\n", "\t", "é", "日本", "😀", "$(X)", "@(Y)", "%41", "&amp;", "\u2028",
    ];

    public static readonly Gen<string> Any = Gen.OneOf(Pieces).Array[0, 8].Select(string.Concat);

    /// <summary>Valid kit versions: 2 to 4 numbers, maybe a prerelease label and build metadata.</summary>
    public static readonly Gen<string> Version =
        Gen.Select(Gen.Int[0, 99].Array[2, 4], Gen.OneOf("", "-rc.1", "-preview-2", "-beta.10.x"), Gen.OneOf("", "+build.7", "+sha-abc"),
            (numbers, pre, build) => string.Join('.', numbers) + pre + build);
}
