namespace Defender365Typed.Cli.Tests;

/// <summary>
/// Two schema files that differ in every way a drift report knows: a table added and one removed; in a kept table a
/// column added, one removed, one retyped (and one whose type is only spelt differently, which is no change); a
/// function added and one removed; in a kept function a parameter and an output column added, removed and retyped.
/// </summary>
internal static class SchemaDriftFiles
{
    public const string Old = """
        {
          "tables": [
            { "name": "Kept", "columns": [
                { "name": "A", "type": "string" }, { "name": "B", "type": "long" }, { "name": "C", "type": "datetime" },
                { "name": "D", "type": "int" }, { "name": "E", "type": "bool" } ] },
            { "name": "Gone", "columns": [ { "name": "X", "type": "string" } ] }
          ],
          "functions": [
            { "name": "Fn", "kind": "builtIn",
              "parameters": [ { "name": "p1", "type": "string" }, { "name": "p2", "type": "long" }, { "name": "p3", "type": "int" } ],
              "outputColumns": [ { "name": "O1", "type": "string" }, { "name": "O2", "type": "long" }, { "name": "O3", "type": "int" } ] },
            { "name": "OldSaved", "kind": "saved", "parameters": [], "outputColumns": [] }
          ]
        }
        """;

    public const string New = """
        {
          "tables": [
            { "name": "Fresh", "columns": [ { "name": "Y", "type": "guid" } ] },
            { "name": "Kept", "columns": [
                { "name": "A", "type": "string" }, { "name": "B", "type": "long" }, { "name": "D", "type": "string" },
                { "name": "E", "type": "boolean" }, { "name": "F", "type": "dynamic" } ] }
          ],
          "functions": [
            { "name": "Fn", "kind": "builtIn",
              "parameters": [ { "name": "p1", "type": "string" }, { "name": "p3", "type": "long" }, { "name": "p4", "type": "datetime" } ],
              "outputColumns": [ { "name": "O1", "type": "string" }, { "name": "O3", "type": "real" }, { "name": "O4", "type": "guid" } ] },
            { "name": "NewSaved", "kind": "saved", "parameters": [], "outputColumns": [] }
          ]
        }
        """;

    /// <summary>Every change from <see cref="Old"/> to <see cref="New"/>, in report order: change item owner name oldType newType.</summary>
    public static readonly string[] Changes =
    [
        "added table Fresh - - -",
        "removed table Gone - - -",
        "removed column Kept C datetime -",
        "retyped column Kept D int string",
        "added column Kept F - dynamic",
        "removed parameter Fn p2 long -",
        "retyped parameter Fn p3 int long",
        "added parameter Fn p4 - datetime",
        "removed outputColumn Fn O2 long -",
        "retyped outputColumn Fn O3 int real",
        "added outputColumn Fn O4 - guid",
        "added function NewSaved - - -",
        "removed function OldSaved - - -",
    ];
}
