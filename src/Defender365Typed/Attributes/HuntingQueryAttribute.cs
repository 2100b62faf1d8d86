using System;

namespace Defender365Typed;

/// <summary>
/// Marks a <see langword="const"/> <see cref="string"/> field holding a raw advanced hunting query, so the
/// analyzer checks it at compile time. With a result type (a <c>[HuntingResult]</c> type) the analyzer also
/// checks that the query produces every property of that type with a compatible column type. With a name, the
/// generator also declares, in the field's (partial) containing type, a row record <c>{Name}Row</c> typed from the
/// query's output columns and a <see cref="RawKqlQuery{TRow}"/> property <c>{Name}</c> that runs the query and reads
/// those rows.
/// </summary>
/// <example>
/// <code>
/// public static partial class MyDetections
/// {
///     [HuntingQuery("FailedLogons")]
///     private const string FailedLogonsKql = "DeviceLogonEvents | where ActionType == 'LogonFailed' | summarize Attempts = count() by DeviceName";
/// }
///
/// await foreach (MyDetections.FailedLogonsRow row in client.Hunting.RunAsync(MyDetections.FailedLogons)) { ... }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Field, Inherited = false, AllowMultiple = false)]
public sealed class HuntingQueryAttribute : Attribute
{
    /// <summary>Checks the query against the schema only.</summary>
    public HuntingQueryAttribute() { }

    /// <summary>Also checks that the query's result fits <paramref name="resultType"/>.</summary>
    public HuntingQueryAttribute(Type resultType) => ResultType = resultType;

    /// <summary>
    /// Also generates the typed query <paramref name="name"/> (a <see cref="RawKqlQuery{TRow}"/> property) and its row
    /// record <c>{name}Row</c> from the query's output columns, in the field's containing type, which must be partial.
    /// </summary>
    /// <param name="name">The C# name of the generated property; the row type is this name followed by <c>Row</c>.</param>
    public HuntingQueryAttribute(string name) => Name = name;

    /// <summary>The row type the query's result must fill, or <see langword="null"/>.</summary>
    public Type? ResultType { get; }

    /// <summary>The name of the generated typed query, or <see langword="null"/> when none is generated.</summary>
    public string? Name { get; }
}
