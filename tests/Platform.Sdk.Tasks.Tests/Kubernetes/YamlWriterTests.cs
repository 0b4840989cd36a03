using System.Text.Json.Nodes;
using Platform.Sdk.Tasks.Kubernetes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Platform.Sdk.Tasks.Tests.Kubernetes;

/// <summary>Whatever a value holds, a YAML 1.2 parser reads back exactly what was written, with the same types.</summary>
public sealed class YamlWriterTests
{
    public static TheoryData<string> AwkwardStrings() =>
    [
        "plain", "", " leading and trailing ", "true", "no", "null", "~", "0755", "1e3", "8080", "-", "- item", "key: value", "# not a comment",
        "a #hash", "quote \" and backslash \\", "single ' quote", "line\nbreak", "tab\there", "carriage\rreturn", "\u0001control", "ünïcødé ✓",
        "emoji 😀", "{ flow: map }", "[flow, seq]", "&anchor", "*alias", "!tag", "%directive", "@at", "`tick`", "|", ">", "$(K8S_POD_NAME)",
        "---", "...", "key\n", "trailing newline\n", "shop\n", "\u2028 line separator", "\u0085 next line",
    ];

    [Theory]
    [MemberData(nameof(AwkwardStrings))]
    public void A_string_value_reads_back_as_the_same_string(string value)
    {
        var node = new JsonObject { ["value"] = value, ["list"] = new JsonArray(value, new JsonObject { [value.Length == 0 ? "empty" : value] = value }) };

        var parsed = Parse(YamlWriter.Write(node));

        Assert.True(JsonNode.DeepEquals(node, parsed), $"wrote {node.ToJsonString()}\nread {parsed?.ToJsonString()}\n{YamlWriter.Write(node)}");
    }

    [Fact]
    public void Numbers_booleans_nesting_and_empty_collections_keep_their_shape()
    {
        var node = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["replicas"] = 2,
            ["ratio"] = 0.5,
            ["enabled"] = false,
            ["nothing"] = null,
            ["empty"] = new JsonObject(),
            ["none"] = new JsonArray(),
            ["nested"] = new JsonArray(new JsonArray(1, 2), new JsonObject { ["a"] = new JsonObject { ["b"] = new JsonArray("c") } }, 3),
            ["app.kubernetes.io/name"] = "order-api",
            ["yes"] = "a reserved word as a key",
        };

        var yaml = YamlWriter.Write(node, ["a comment", "with\na line break"]);

        Assert.True(JsonNode.DeepEquals(node, Parse(yaml)), yaml);
        Assert.StartsWith("# a comment\n# with a line break\napiVersion: \"apps/v1\"\nreplicas: 2\n", yaml);
        Assert.DoesNotContain("\r", yaml);
    }

    /// <summary>YAML to JSON with YAML 1.2 core-schema typing: quoted scalars are strings, plain ones may be numbers, booleans or null.</summary>
    private static JsonNode? Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents.Single().RootNode);

        static JsonNode? Convert(YamlNode node) => node switch
        {
            YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Convert(c.Value)))),
            YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(Convert)]),
            YamlScalarNode { Style: ScalarStyle.DoubleQuoted or ScalarStyle.SingleQuoted } s => JsonValue.Create(s.Value),
            YamlScalarNode { Value: "true" } => JsonValue.Create(true),
            YamlScalarNode { Value: "false" } => JsonValue.Create(false),
            YamlScalarNode { Value: "null" or "~" } => null,
            YamlScalarNode s when long.TryParse(s.Value, out var l) => JsonValue.Create(l),
            YamlScalarNode s when double.TryParse(s.Value, System.Globalization.CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
            YamlScalarNode s => JsonValue.Create(s.Value),
            _ => throw new InvalidOperationException(node.NodeType.ToString()),
        };
    }
}
