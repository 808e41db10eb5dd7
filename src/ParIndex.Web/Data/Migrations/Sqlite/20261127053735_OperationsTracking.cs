using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ParIndex.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OperationsTracking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FactSourceLink",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubCriterionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FactSourceLink", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FactSourceLink_SubCriteria_SubCriterionId",
                        column: x => x.SubCriterionId,
                        principalTable: "SubCriteria",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReminderSend",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ItemKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SentOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReminderSend", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReminderSend_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FactSourceLink_SubCriterionId",
                table: "FactSourceLink",
                column: "SubCriterionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReminderSend_UserId_ItemKey_SentOn",
                table: "ReminderSend",
                columns: new[] { "UserId", "ItemKey", "SentOn" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FactSourceLink");

            migrationBuilder.DropTable(
                name: "ReminderSend");
        }
    }
}
