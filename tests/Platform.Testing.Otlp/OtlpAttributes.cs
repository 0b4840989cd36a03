using System.Collections;
using System.Globalization;
using Platform.Testing.Otlp.Proto;

namespace Platform.Testing.Otlp;

/// <summary>
/// Decoded OTLP attributes (resource, span, log or data-point attributes). Values are <see cref="string"/>,
/// <see cref="bool"/>, <see cref="long"/>, <see cref="double"/>, <see cref="byte"/>[], a list of values, or a nested
/// <see cref="OtlpAttributes"/>.
/// </summary>
public sealed class OtlpAttributes : IReadOnlyDictionary<string, object?>
{
    private readonly Dictionary<string, object?> _values;

    /// <summary>An empty attribute set.</summary>
    public static readonly OtlpAttributes Empty = new(new Dictionary<string, object?>(StringComparer.Ordinal));

    private OtlpAttributes(Dictionary<string, object?> values) => _values = values;

    /// <inheritdoc />
    public object? this[string key] => _values[key];

    /// <inheritdoc />
    public IEnumerable<string> Keys => _values.Keys;

    /// <inheritdoc />
    public IEnumerable<object?> Values => _values.Values;

    /// <inheritdoc />
    public int Count => _values.Count;

    /// <summary>Gets the value of <paramref name="key"/> as text (numbers and booleans formatted invariantly), or <see langword="null"/>.</summary>
    /// <param name="key">The attribute key, e.g. <c>service.name</c>.</param>
    /// <returns>The value as a string, or <see langword="null"/> when absent.</returns>
    public string? GetString(string key) => _values.TryGetValue(key, out var value) ? Format(value) : null;

    /// <inheritdoc />
    public bool ContainsKey(string key) => _values.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, out object? value) => _values.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Formats the attributes as <c>key=value</c> pairs, for assertion messages.</summary>
    /// <returns>The attributes as text.</returns>
    public override string ToString() => string.Join(", ", _values.Select(kv => kv.Key + "=" + Format(kv.Value)));

    internal static OtlpAttributes From(IEnumerable<KeyValue>? attributes)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (attributes is not null)
        {
            foreach (var attribute in attributes)
            {
                values[attribute.Key] = Decode(attribute.Value);
            }
        }

        return values.Count == 0 ? Empty : new OtlpAttributes(values);
    }

    internal static object? Decode(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue,
        AnyValue.ValueOneofCase.IntValue => value.IntValue,
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue,
        AnyValue.ValueOneofCase.BytesValue => value.BytesValue.ToByteArray(),
        AnyValue.ValueOneofCase.ArrayValue => value.ArrayValue.Values.Select(Decode).ToArray(),
        AnyValue.ValueOneofCase.KvlistValue => From(value.KvlistValue.Values),
        _ => null,
    };

    internal static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        byte[] bytes => Convert.ToHexStringLower(bytes),
        object?[] items => "[" + string.Join(", ", items.Select(Format)) + "]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
