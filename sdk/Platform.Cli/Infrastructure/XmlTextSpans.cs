namespace Platform.Cli.Infrastructure;

/// <summary>
/// Maps an XML reader's line/column positions back to offsets in the original text, so a file can be edited at the
/// exact characters of one attribute value and stay byte for byte the same everywhere else.
/// </summary>
internal static class XmlTextSpans
{
    /// <summary>The value's span (inside the quotes) of the attribute whose name starts at <paramref name="nameStart"/>.</summary>
    public static (int Start, int End) RawValueSpan(string text, int nameStart)
    {
        var i = text.IndexOf('=', nameStart);
        i++;
        while (char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        var quote = text[i];
        var end = text.IndexOf(quote, i + 1);
        return (i + 1, end);
    }

    /// <summary>Offsets where lines start, counting line breaks as XML does (\r\n, \r, \n).</summary>
    public static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            if (text[i] is '\n' or '\r')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }
}
