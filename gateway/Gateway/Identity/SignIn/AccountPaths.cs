namespace Gateway.Identity.SignIn;

public static class AccountPaths
{
    public const string Login = "/account/login";
    public const string ChangePassword = "/account/change-password";
    public const string TwoFactor = "/account/two-factor";
    public const string Security = "/account/security";
}
