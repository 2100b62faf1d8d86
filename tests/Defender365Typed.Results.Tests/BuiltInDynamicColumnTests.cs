using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using Defender365Typed.Tables;

namespace Defender365Typed.Results.Tests;

/// <summary>The dynamic columns of a built-in table (<see cref="CloudAppEvents"/>) read as <see cref="KqlDynamicValue"/>.</summary>
public class BuiltInDynamicColumnTests
{
    private static readonly (string, string)[] Schema =
    [
        ("Timestamp", "DateTime"), ("ActionType", "String"), ("ApplicationId", "Int32"), ("ActivityObjects", "Object"),
        ("RawEventData", "Object"), ("IPTags", "Object"), ("UserAgentTags", "Object"), ("AdditionalFields", "Object"),
    ];

    // ActivityObjects: a nested array of objects. RawEventData: a JSON string holding an object (with escaped
    // backslashes in it). IPTags: a JSON string holding an array. UserAgentTags: a string holding no JSON.
    // AdditionalFields: null. The other columns of the table are not sent.
    private const string Row =
        """
        {"Timestamp":"2024-05-01T10:00:00Z","ActionType":"FileDownloaded","ApplicationId":20892,
         "ActivityObjects":[{"Type":"File","Name":"plan.docx"},{"Type":"User","Name":"alice"}],
         "RawEventData":"{\"Workload\":\"SharePoint\",\"ItemCount\":3,\"Path\":\"C:\\\\Share\\\\plan.docx\"}",
         "IPTags":" [\"Corp\",\"VPN\"] ",
         "UserAgentTags":"Native client",
         "AdditionalFields":null}
        """;

    private static readonly HuntingReaderOptions Projection = new() { MissingColumns = MissingColumnHandling.UseDefault };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Nested_and_json_in_a_string_cells_read_raw_and_parse_when_asked(bool legacy)
    {
        byte[] json = ResponseBuilder.Utf8(ResponseBuilder.Build(legacy, Schema, [Row]));

        CloudAppEvents row = Assert.Single(HuntingResultReader.ReadAll<CloudAppEvents>(json, Projection));

        Assert.Equal(new DateTime(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc), row.Timestamp);
        Assert.Equal("FileDownloaded", row.ActionType);
        Assert.Equal(20892, row.ApplicationId);

        // A nested array: its JSON as sent.
        Assert.Equal(JsonValueKind.Array, row.ActivityObjects.ValueKind);
        Assert.Equal("""[{"Type":"File","Name":"plan.docx"},{"Type":"User","Name":"alice"}]""", row.ActivityObjects.GetRawText());
        Assert.Equal("alice", row.ActivityObjects.ToJsonElement()[1].GetProperty("Name").GetString());

        // A string holding an object: the object it holds (unescaped once), not a JSON string.
        Assert.Equal(JsonValueKind.Object, row.RawEventData.ValueKind);
        Assert.Equal("""{"Workload":"SharePoint","ItemCount":3,"Path":"C:\\Share\\plan.docx"}""", row.RawEventData.GetRawText());
        JsonElement raw = row.RawEventData.ToJsonElement();
        Assert.Equal("SharePoint", raw.GetProperty("Workload").GetString());
        Assert.Equal(3, raw.GetProperty("ItemCount").GetInt32());
        Assert.Equal(@"C:\Share\plan.docx", raw.GetProperty("Path").GetString());
        Assert.True(row.RawEventData.TryGetProperty("Path", out KqlDynamicValue path));
        Assert.Equal(@"C:\Share\plan.docx", path.GetString());
        Assert.Equal(
            new SharePointEvent("SharePoint", 3, @"C:\Share\plan.docx"),
            row.RawEventData.Deserialize(BuiltInDynamicColumnJson.Default.SharePointEvent));

        // A string holding an array (blanks around it trimmed), a string holding no JSON, null, and a column not sent.
        Assert.Equal(KqlDynamicValue.Parse("""["Corp","VPN"]"""), row.IPTags);
        Assert.Equal(JsonValueKind.String, row.UserAgentTags.ValueKind);
        Assert.Equal("Native client", row.UserAgentTags.GetString());
        Assert.True(row.AdditionalFields.IsNull);
        Assert.Equal(JsonValueKind.Null, row.AdditionalFields.ToJsonElement().ValueKind);
        Assert.Equal(KqlDynamicValue.Null, row.SessionData);
        Assert.Equal("null", row.SessionData.GetRawText());
    }

    [Fact]
    public void Values_are_the_json_a_JsonElement_row_reads_from_the_same_response()
    {
        byte[] json = ResponseBuilder.Utf8(ResponseBuilder.Build(false, Schema, [Row]));

        CloudAppEvents table = Assert.Single(HuntingResultReader.ReadAll<CloudAppEvents>(json, Projection));
        CloudAppEventsAsJsonElements elements = Assert.Single(HuntingResultReader.ReadAll<CloudAppEventsAsJsonElements>(json, Projection));

        Assert.Equal(elements.ActivityObjects.GetRawText(), table.ActivityObjects.GetRawText());
        Assert.Equal(elements.RawEventData.GetRawText(), table.RawEventData.GetRawText());
        Assert.Equal(elements.IPTags.GetRawText(), table.IPTags.GetRawText());
        Assert.Equal(elements.UserAgentTags.GetRawText(), table.UserAgentTags.GetRawText());
        Assert.Equal(elements.AdditionalFields.ValueKind, table.AdditionalFields.ValueKind);
        Assert.Equal(elements.RawEventData.ValueKind, table.RawEventData.ToJsonElement().ValueKind);
    }

    [Fact]
    public void Rows_with_equal_dynamic_json_are_equal_records()
    {
        byte[] json = ResponseBuilder.Utf8(ResponseBuilder.Build(false, Schema, [Row, Row]));

        List<CloudAppEvents> rows = HuntingResultReader.ReadAll<CloudAppEvents>(json, Projection);

        Assert.Equal(rows[0], rows[1]);
        Assert.NotEqual(rows[0], rows[1] with { RawEventData = KqlDynamicValue.Parse("{}") });
    }
}

/// <summary>The same dynamic columns read the way the built-in tables read them before (a document per cell).</summary>
[HuntingResult]
public sealed partial record CloudAppEventsAsJsonElements
{
    public JsonElement ActivityObjects { get; init; }

    public JsonElement RawEventData { get; init; }

    public JsonElement IPTags { get; init; }

    public JsonElement UserAgentTags { get; init; }

    public JsonElement AdditionalFields { get; init; }
}

/// <summary>A typed view of <c>RawEventData</c>, for <see cref="KqlDynamicValue.Deserialize{T}(System.Text.Json.Serialization.Metadata.JsonTypeInfo{T})"/>.</summary>
public sealed record SharePointEvent(string Workload, int ItemCount, string Path);

[JsonSerializable(typeof(SharePointEvent))]
internal sealed partial class BuiltInDynamicColumnJson : JsonSerializerContext;
