using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Client;

/// <summary>
/// Whether a sliced query's table has the datetime <c>Timestamp</c> column every slice filters on, as far as the client
/// knows the table: from the caller's schema (<see cref="SlicedRunOptions.Schema"/>: a tenant's schema from
/// <see cref="HuntingClient.GetSchemaAsync"/> or a schema file), else from the documented schema the front end embeds
/// (<see cref="DocumentedHuntingSchema"/>, the one the typed tables are generated from). A table neither knows is let
/// through: the service then answers the first slice with its query error, which ends the run.
/// </summary>
internal static class SliceTimestampCheck
{
    /// <summary>Why <paramref name="table"/> cannot be sliced by time, or null when it can (or is not known).</summary>
    public static string? Problem(string table, HuntingSchemaDocument? schema)
    {
        (HuntingSchemaTable? known, string where) = Find(table, schema);
        if (known is null)
        {
            return null;
        }

        HuntingSchemaColumn? timestamp = known.Columns.FirstOrDefault(c => c.Name == "Timestamp");
        if (timestamp is null)
        {
            return $"the table '{table}' has no Timestamp column ({where}), so its rows cannot be cut into time slices; run the query without slicing";
        }

        return timestamp.ScalarType == KqlScalarType.DateTime
            ? null
            : $"the table '{table}' has a Timestamp column of type {timestamp.Type}, not datetime ({where}), so a slice's time filter cannot compare it; run the query without slicing";
    }

    private static (HuntingSchemaTable? Table, string Where) Find(string table, HuntingSchemaDocument? schema)
    {
        if (schema?.Tables.FirstOrDefault(t => t.Name == table) is { } given)
        {
            return (given, "in the schema given in SlicedRunOptions.Schema");
        }

        return (DocumentedHuntingSchema.Document.Tables.FirstOrDefault(t => t.Name == table), "in the documented schema");
    }
}
