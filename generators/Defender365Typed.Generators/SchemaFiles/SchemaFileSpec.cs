using Defender365Typed.Generators.Helpers;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Generators.SchemaFiles;

/// <summary>
/// One schema file passed as AdditionalFiles, read once into equatable data (no symbols, no front-end objects), so
/// an unchanged file keeps every step after it cached. A file that cannot be read has a <see cref="Problem"/> and
/// contributes nothing else.
/// </summary>
internal sealed record SchemaFileSpec(
    string Path,
    EquatableArray<TenantTableSpec> Tables,
    EquatableArray<TenantFunctionSpec> Functions,
    SchemaFileProblem? Problem);

/// <summary>A table of a schema file, with its columns in file order.</summary>
internal sealed record TenantTableSpec(string Name, string? Description, EquatableArray<TenantColumnSpec> Columns);

/// <summary>A column of a table or of a function's output.</summary>
internal sealed record TenantColumnSpec(string Name, KqlScalarType Type, string? Description);

/// <summary>A function of a schema file: saved in the tenant or built in, with its parameters and output columns.</summary>
internal sealed record TenantFunctionSpec(
    string Name,
    bool IsSaved,
    string? Description,
    EquatableArray<TenantParameterSpec> Parameters,
    EquatableArray<TenantColumnSpec> OutputColumns);

/// <summary>A function parameter: scalar (typed) or tabular (<c>(*)</c>), required or with a default.</summary>
internal sealed record TenantParameterSpec(string Name, KqlScalarType Type, bool IsTabular, bool IsOptional);

/// <summary>What is wrong with a schema file and where: reported once as DTQ130.</summary>
internal sealed record SchemaFileProblem(string Path, int Line, int LinePosition, string Message);
