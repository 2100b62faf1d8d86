namespace Defender365Typed.Generators.Model;

/// <summary>Mirror of the runtime's <c>Defender365Typed.KqlType</c> (the generator cannot reference the runtime).</summary>
internal enum KqlTypeName
{
    Unspecified = 0,
    String = 1,
    DateTime = 2,
    Long = 3,
    Int = 4,
    Bool = 5,
    Real = 6,
    Decimal = 7,
    Guid = 8,
    TimeSpan = 9,
    Dynamic = 10,
}
