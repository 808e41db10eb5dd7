using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ParIndex.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class SessionsAndAppendOnlyAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuthSessions",
                columns: table => new
                {
                    KeyHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    Ticket = table.Column<byte[]>(type: "varbinary(max)", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ExpiresAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuthSessions", x => x.KeyHash);
                    table.ForeignKey(
                        name: "FK_AuthSessions_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuthSessions_ExpiresAt",
                table: "AuthSessions",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_AuthSessions_UserId",
                table: "AuthSessions",
                column: "UserId");

            // The audit trail is append-only in the database too, whatever the client: UPDATE and DELETE are refused
            // (the statement fails and its transaction is rolled back). TRUNCATE needs ALTER permission, which the
            // application's login does not need and should not have.
            // CREATE TRIGGER must open its batch, and the idempotent script puts each statement inside IF ... BEGIN END:
            // run through EXEC it is valid in both (the ScriptDom test in MigrationTests parses both scripts).
            migrationBuilder.Sql(@"EXEC(N'CREATE TRIGGER [TR_AuditEntries_AppendOnly] ON [AuditEntries]
AFTER UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    THROW 51000, N''AuditEntries is append-only: UPDATE and DELETE are refused'', 1;
END')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [TR_AuditEntries_AppendOnly];");
            migrationBuilder.DropTable(
                name: "AuthSessions");
        }
    }
}
