using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Defender365Typed.Client.Tests;

/// <summary>
/// A response that leaves out any optional field never leaves a non-nullable member null (issue 16, item 5): every
/// documented example is read again with each of its properties removed in turn, at every depth, and every model read
/// from <c>{}</c>; after each read, every member the model declares non-nullable (nullable annotations) is checked.
/// </summary>
public sealed class OmittedFieldTests
{
    public static TheoryData<string> Fixtures() =>
    [
        "graph/get-alert.json", "graph/update-alert.json", "graph/list-alerts_v2.json", "graph/get-incident.json",
        "graph/list-incidents.json", "graph/list-incidents-expand-alerts.json", "graph/post-alert-comments.json", "legacy/list-incidents.json",
    ];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Each_documented_example_reads_with_any_one_property_left_out(string fixture)
    {
        JsonNode document = JsonNode.Parse(FixtureHandler.Read(fixture))!;
        int variants = 0;
        foreach ((JsonObject owner, string name) in Properties(document).ToList())
        {
            JsonNode? removed = owner[name];
            owner.Remove(name);
            try
            {
                AssertNoNullMembers(Read(fixture, document.ToJsonString()), $"{fixture} without '{name}'");
                variants++;
            }
            finally
            {
                owner[name] = removed;
            }
        }

        Assert.True(variants > 5, $"only {variants} variants of {fixture}");
    }

    [Fact]
    public void Every_model_reads_from_an_empty_object()
    {
        DefenderJsonContext c = DefenderJsonContext.Default;
        JsonTypeInfo[] models =
        [
            c.SecurityIncident, c.SecurityAlert, c.DefenderIncident, c.ODataPageSecurityIncident, c.ODataPageSecurityAlert, c.ODataPageDefenderIncident,
            c.ODataPageIncidentComment, c.DeviceEvidence, c.FileEvidence, c.ProcessEvidence, c.UserEvidence, c.IpEvidence, c.UrlEvidence,
            c.MailboxEvidence, c.AnalyzedMessageEvidence, c.CloudApplicationEvidence, c.RegistryKeyEvidence, c.RegistryValueEvidence,
            c.MailClusterEvidence, c.OAuthApplicationEvidence, c.SecurityGroupEvidence,
        ];
        foreach (JsonTypeInfo info in models)
        {
            AssertNoNullMembers(JsonSerializer.Deserialize("{}", info)!, info.Type.Name);
        }

        AssertNoNullMembers(JsonSerializer.Deserialize("""{ "alerts": [ {} ] }""", c.DefenderIncident)!, "legacy alert {}");
        AssertNoNullMembers(JsonSerializer.Deserialize("""{ "alerts": [ { "devices": [ {} ], "entities": [ {} ] } ] }""", c.DefenderIncident)!, "legacy device and entity {}");
        AssertNoNullMembers(JsonSerializer.Deserialize("""{ "evidence": [ {}, { "@odata.type": "#microsoft.graph.security.processEvidence" } ] }""", c.SecurityAlert)!, "evidence {}");
    }

    private static object Read(string fixture, string json)
    {
        DefenderJsonContext c = DefenderJsonContext.Default;
        return fixture switch
        {
            "legacy/list-incidents.json" => JsonSerializer.Deserialize(json, c.ODataPageDefenderIncident)!,
            "graph/post-alert-comments.json" => JsonSerializer.Deserialize(json, c.ODataPageIncidentComment)!,
            _ when fixture.Contains("alert", StringComparison.Ordinal) && fixture.StartsWith("graph/list", StringComparison.Ordinal) => JsonSerializer.Deserialize(json, c.ODataPageSecurityAlert)!,
            _ when fixture.Contains("alert", StringComparison.Ordinal) => JsonSerializer.Deserialize(json, c.SecurityAlert)!,
            _ when fixture.StartsWith("graph/list", StringComparison.Ordinal) => JsonSerializer.Deserialize(json, c.ODataPageSecurityIncident)!,
            _ => JsonSerializer.Deserialize(json, c.SecurityIncident)!,
        };
    }

    /// <summary>Every property of every object in <paramref name="node"/>, depth first.</summary>
    private static IEnumerable<(JsonObject Owner, string Name)> Properties(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            foreach (KeyValuePair<string, JsonNode?> p in obj.ToList())
            {
                yield return (obj, p.Key);
                foreach ((JsonObject, string) inner in Properties(p.Value))
                {
                    yield return inner;
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach ((JsonObject, string) inner in array.SelectMany(Properties))
            {
                yield return inner;
            }
        }
    }

    /// <summary>Walks the model (and the models and lists it holds, and the typed evidence) checking non-nullable members.</summary>
    private static void AssertNoNullMembers(object model, string what)
    {
        var nullability = new NullabilityInfoContext();
        var pending = new Stack<(object Value, string Path)>([(model, what)]);
        while (pending.Count > 0)
        {
            (object value, string path) = pending.Pop();
            if (value is IEnumerable items and not string)
            {
                foreach (object? item in items)
                {
                    Assert.True(item is not null, $"{path} holds a null item");
                    if (IsModel(item.GetType()))
                    {
                        pending.Push((item, path + "[]"));
                    }
                }

                continue;
            }

            foreach (PropertyInfo p in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            {
                object? member = p.GetValue(value);
                if (member is null)
                {
                    Assert.True(p.PropertyType.IsValueType || nullability.Create(p).ReadState != NullabilityState.NotNull,
                        $"{path}.{p.Name} is declared non-nullable but read as null");
                    continue;
                }

                if (member is IEnumerable and not string || IsModel(member.GetType()))
                {
                    pending.Push((member, path + "." + p.Name));
                }
            }
        }
    }

    private static bool IsModel(Type type) => type.Namespace == "Defender365Typed.Client" && type.IsClass;
}
