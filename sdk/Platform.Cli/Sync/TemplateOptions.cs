namespace Platform.Cli.Sync;

/// <summary>A parameter a template version offers on the <c>dotnet new</c> command line.</summary>
public sealed record TemplateParameter(string LongName, string DataType, string? DefaultValue);

/// <summary>
/// The <c>dotnet new</c> arguments that render a stamp's options with one template version: the options the version
/// knows are passed as recorded; an option it added takes its default and an option it dropped is left out, each with
/// a note for the user.
/// </summary>
public sealed record TemplateArguments(IReadOnlyList<string> Arguments, IReadOnlyList<string> Notes)
{
    public static TemplateArguments For(TemplateStamp stamp, IReadOnlyList<TemplateParameter> parameters, string version)
    {
        var arguments = new List<string> { "-n", stamp.Options[TemplateStamp.NameOption] };
        var notes = new List<string>();
        var known = parameters.ToDictionary(p => p.LongName, StringComparer.Ordinal);
        foreach (var (option, value) in stamp.Options.Where(o => o.Key != TemplateStamp.NameOption))
        {
            if (known.ContainsKey(option))
            {
                arguments.AddRange(["--" + option, value]);
            }
            else
            {
                notes.Add($"{stamp.TemplateId} {version} no longer has the option --{option} (it was '{value}'): left out.");
            }
        }

        foreach (var parameter in parameters.Where(p => !stamp.Options.ContainsKey(p.LongName)))
        {
            notes.Add($"{stamp.TemplateId} {version} adds the option --{parameter.LongName}: it takes its default" +
                (parameter.DefaultValue is { Length: > 0 } d ? $" '{d}'" : " (empty)") + "; for another value, change the files and the stamp's options by hand.");
        }

        return new TemplateArguments(arguments, notes);
    }
}
