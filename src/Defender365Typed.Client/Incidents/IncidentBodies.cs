using System.Buffers;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Defender365Typed.Client;

/// <summary>Writes PATCH and comment bodies in each API's spelling.</summary>
internal static class IncidentBodies
{
    public static ByteArrayContent Update(IncidentUpdate update, DefenderApi api)
    {
        bool legacy = api == DefenderApi.Legacy;
        return Json(w =>
        {
            w.WriteStartObject();
            if (update.Status?.Canonical is string status)
            {
                w.WriteString("status", legacy ? IncidentVocabulary.Pascal(status) : status);
            }

            if (update.AssignedTo is not null)
            {
                w.WriteString("assignedTo", update.AssignedTo);
            }

            if (update.Classification?.Canonical is string classification)
            {
                w.WriteString("classification", legacy ? IncidentVocabulary.Pascal(classification) : classification);
            }

            if (update.Determination?.Canonical is string determination)
            {
                w.WriteString("determination", legacy ? IncidentVocabulary.LegacyDetermination(determination) : determination);
            }

            if (update.Tags is not null)
            {
                w.WriteStartArray(legacy ? "tags" : "customTags");
                foreach (string tag in update.Tags)
                {
                    w.WriteStringValue(tag);
                }

                w.WriteEndArray();
            }

            if (update.Comment is not null)
            {
                w.WriteString("comment", update.Comment);
            }

            w.WriteEndObject();
        });
    }

    public static ByteArrayContent Comment(string comment) => Json(w =>
    {
        w.WriteStartObject();
        w.WriteString("@odata.type", "microsoft.graph.security.alertComment");
        w.WriteString("comment", comment);
        w.WriteEndObject();
    });

    internal static ByteArrayContent Json(System.Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }
}
