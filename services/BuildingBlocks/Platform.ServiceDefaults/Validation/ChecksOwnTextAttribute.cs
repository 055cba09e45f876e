namespace Platform.ServiceDefaults.Validation;

/// <summary>
/// On a client-streaming gRPC method: its own rules refuse NUL in every text field, naming each bad row
/// in the caller's terms (labour names a feed's rows by their number in the file), so the shared
/// <see cref="TextGuardInterceptor"/> lets its request stream through unread.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChecksOwnTextAttribute : Attribute;
