using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Defender365Typed.Emulator.Api;

/// <summary>Graph comments (<c>microsoft.graph.security.alertComment</c>), as the incident and alert comment endpoints read and answer them.</summary>
internal static class CommentJson
{
    /// <summary>The non-blank <c>comment</c> of a POST body, or null after answering 400.</summary>
    public static async Task<string?> ReadAsync(HttpContext context)
    {
        string? comment = await JsonResponse.ReadCommentAsync(context).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(comment))
        {
            await JsonResponse.ApiErrorAsync(context, 400, "BadRequest", "The comment must not be empty.").ConfigureAwait(false);
            return null;
        }

        return comment;
    }

    /// <summary>The answer to a comment POST: every comment the item now has.</summary>
    public static Task WriteListAsync(HttpContext context, string contextUrl, IReadOnlyList<EmulatedComment> comments) =>
        JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", contextUrl);
            w.WriteStartArray("value");
            foreach (EmulatedComment item in comments)
            {
                Write(w, item);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });

    public static void Write(Utf8JsonWriter w, EmulatedComment c)
    {
        w.WriteStartObject();
        w.WriteString("@odata.type", "microsoft.graph.security.alertComment");
        w.WriteString("comment", c.Comment);
        w.WriteString("createdByDisplayName", c.CreatedBy);
        w.WriteString("createdDateTime", c.CreatedDateTime.UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
        w.WriteEndObject();
    }
}
