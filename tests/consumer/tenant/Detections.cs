using Defender365Typed;

namespace Tenant;

/// <summary>
/// A [HuntingQuery("Name")] constant over the schema file's custom table: the generator declares DeviceScoresRow from the
/// query's output columns (typed from the file) and DeviceScores, which the client runs with no hand-written record.
/// </summary>
public static partial class MyDetections
{
    [HuntingQuery("DeviceScores")]
    private const string DeviceScoresKql = """
        Contoso_CL
        | summarize Best = max(Score), Readings = count(), Last = max(Timestamp), Details = make_set(Details) by DeviceName
        | order by DeviceName asc
        """;
}
